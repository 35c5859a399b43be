from wagtail import hooks

from heritage_archive.core.health import HOOK
from search.health import check_elasticsearch, check_outbox

# After core's database and cache, before preservation's fixity and backup.
hooks.register(HOOK, check_elasticsearch, order=10)
hooks.register(HOOK, check_outbox, order=20)
