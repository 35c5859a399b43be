"""Records for the interop tests: real pages in the real site tree."""

from lxml import etree

from heritage_archive.records.figures.models import FigurePage

OAI = "{http://www.openarchives.org/OAI/2.0/}"
DC = "{http://purl.org/dc/elements/1.1/}"
NS = {
    "oai": "http://www.openarchives.org/OAI/2.0/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "oai_dc": "http://www.openarchives.org/OAI/2.0/oai_dc/",
}


def make_figure(pages, *, title="纪昀", key="MR-001", **fields):
    figure = FigurePage(title=title, slug=f"figure-{key.lower()}", key=key, **fields)
    pages["figures"].add_child(instance=figure)
    figure.save_revision().publish()
    return figure


def oai_get(client, **params):
    """GET /oai/ and parse the answer; asserts the protocol's HTTP 200 and XML type."""
    response = client.get("/oai/", params)
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("text/xml")
    return etree.fromstring(response.content)


def error_code(root):
    error = root.find(f"{OAI}error")
    return error.get("code") if error is not None else None


def header_identifiers(root):
    return [element.text for element in root.iterfind(".//oai:header/oai:identifier", NS)]
