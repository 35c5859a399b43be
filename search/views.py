from django.template.response import TemplateResponse


def search_page(request):
    # Placeholder until the search service lands (issue: search).
    return TemplateResponse(request, "search/search.html", {"query": request.GET.get("q", "")})
