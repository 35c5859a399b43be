"""An OAI-PMH 2.0 data provider for the heritage records.

Why not the oai-repo library (evaluated, 0.5.2): its resumption tokens are
plain base64 of the request arguments, made inside the verb classes with no
hook to sign them, so a harvester could forge or alter them; it takes the
request as a dict, which loses repeated arguments (a badArgument the
protocol requires us to report); and it pages by offset, so records
published during a harvest shift the pages. The protocol itself is small,
so the responses are built here with lxml, properly namespaced, and the
tokens are signed with django.core.signing (keyset paging by primary key).
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.core import signing
from django.utils import timezone
from lxml import etree

from . import records
from .dublin_core import OAI_DC_NS, OAI_DC_SCHEMA, oai_dc_element, prefetch_for_harvest, xml_text
from .models import OaiTombstone

OAI_NS = "http://www.openarchives.org/OAI/2.0/"
OAI_SCHEMA = "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
METADATA_PREFIX = "oai_dc"
TOKEN_SALT = "heritage_archive.interop.oai.resumption"
SECONDS_FORMAT = "%Y-%m-%dT%H:%M:%SZ"
DAY_FORMAT = "%Y-%m-%d"

# verb -> (required arguments, optional arguments, exclusive argument)
VERB_ARGUMENTS = {
    "Identify": (set(), set(), None),
    "ListMetadataFormats": (set(), {"identifier"}, None),
    "ListSets": (set(), set(), "resumptionToken"),
    "ListIdentifiers": ({"metadataPrefix"}, {"from", "until", "set"}, "resumptionToken"),
    "ListRecords": ({"metadataPrefix"}, {"from", "until", "set"}, "resumptionToken"),
    "GetRecord": ({"identifier", "metadataPrefix"}, set(), None),
}


class OaiError(Exception):
    """An OAI-PMH error condition: answered with HTTP 200 and an <error> element."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
        self.message = message


def page_size():
    return int(getattr(settings, "OAI_PAGE_SIZE", 50))


def format_datestamp(moment):
    if moment is None:
        moment = datetime(1970, 1, 1, tzinfo=UTC)
    return moment.astimezone(UTC).strftime(SECONDS_FORMAT)


def parse_datestamp(value, argument):
    """``(start of the moment, its granularity)`` for a from/until value.

    Only the two granularities the repository declares are accepted:
    YYYY-MM-DD and YYYY-MM-DDThh:mm:ssZ (UTC).
    """
    for pattern, granularity, length in ((SECONDS_FORMAT, "seconds", 20), (DAY_FORMAT, "day", 10)):
        if len(value) != length:
            continue
        try:
            moment = datetime.strptime(value, pattern).replace(tzinfo=UTC)
        except ValueError:
            break
        return moment, granularity
    raise OaiError(
        "badArgument",
        f"{argument} 的日期格式无效：{value!r}（应为 YYYY-MM-DD 或 YYYY-MM-DDThh:mm:ssZ）",
    )


@dataclass
class ListQuery:
    """What a ListIdentifiers/ListRecords harvest asks for, and where it stands."""

    metadata_prefix: str
    from_: str = ""
    until: str = ""
    set_spec: str = ""
    phase: str = "page"  # "page" (live records) then "tomb" (deleted records)
    after: int = 0  # the last primary key delivered in the current phase
    cursor: int = 0  # how many records earlier responses delivered

    def to_token(self, verb):
        payload = [verb, self.metadata_prefix, self.from_, self.until, self.set_spec,
                   self.phase, self.after, self.cursor]  # fmt: skip
        return signing.dumps(payload, salt=TOKEN_SALT, compress=True)

    @classmethod
    def from_token(cls, token, verb):
        """Only tokens this repository signed, for this verb, are accepted."""
        try:
            payload = signing.loads(token, salt=TOKEN_SALT)
            token_verb, prefix, from_, until, set_spec, phase, after, cursor = payload
            if token_verb != verb or phase not in ("page", "tomb"):
                raise ValueError("wrong verb or phase")
            query = cls(prefix, from_, until, set_spec, phase, int(after), int(cursor))
        except (signing.BadSignature, ValueError, TypeError):
            raise OaiError(
                "badResumptionToken", "resumptionToken 无效、已被修改或不属于此请求。"
            ) from None
        return query


class OaiResponse:
    """Builds the OAI-PMH envelope for one request."""

    def __init__(self, base_url, arguments):
        self.root = etree.Element(f"{{{OAI_NS}}}OAI-PMH", nsmap={None: OAI_NS, "xsi": XSI_NS})
        self.root.set(f"{{{XSI_NS}}}schemaLocation", f"{OAI_NS} {OAI_SCHEMA}")
        self.sub(self.root, "responseDate", format_datestamp(timezone.now()))
        self.request = self.sub(self.root, "request", base_url)
        self.arguments = arguments

    @staticmethod
    def sub(parent, name, text=None, **attributes):
        element = etree.SubElement(parent, f"{{{OAI_NS}}}{name}", **attributes)
        if text is not None:
            element.text = xml_text(text)
        return element

    def echo_arguments(self):
        # The spec echoes the arguments only when they were valid.
        for name, value in self.arguments.items():
            self.request.set(name, xml_text(value))

    def error(self, code, message):
        self.sub(self.root, "error", message, code=code)

    def serialize(self):
        return etree.tostring(self.root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


class OaiProvider:
    """Answers one OAI-PMH request: ``handle(base_url, pairs)`` -> XML bytes."""

    def handle(self, base_url, pairs):
        """``pairs`` are the request's (name, value) arguments in order, repeats kept."""
        arguments = {}
        for name, value in pairs:
            arguments.setdefault(name, []).append(value)
        single = {name: values[0] for name, values in arguments.items() if len(values) == 1}
        response = OaiResponse(base_url, single)
        try:
            verb, args = self.validate(arguments)
            response.echo_arguments()
            getattr(self, verb)(response, args)
        except OaiError as error:
            if error.code in ("badVerb", "badArgument"):
                # The protocol echoes arguments only when the request was valid.
                response.request.attrib.clear()
            response.error(error.code, error.message)
        return response.serialize()

    def validate(self, arguments):
        verbs = arguments.get("verb", [])
        if not verbs:
            raise OaiError("badVerb", "缺少 verb 参数。")
        if len(verbs) > 1:
            raise OaiError("badVerb", "verb 参数重复。")
        verb = verbs[0]
        if verb not in VERB_ARGUMENTS:
            raise OaiError("badVerb", f"不支持的 verb：{verb!r}。")
        if any("\x00" in value for values in arguments.values() for value in values):
            # PostgreSQL refuses NUL in text, so such a value never reaches a query.
            raise OaiError("badArgument", "参数中含有不允许的字符。")
        repeated = sorted(name for name, values in arguments.items() if len(values) > 1)
        if repeated:
            raise OaiError("badArgument", f"参数重复：{', '.join(repeated)}。")
        args = {name: values[0] for name, values in arguments.items() if name != "verb"}
        required, optional, exclusive = VERB_ARGUMENTS[verb]
        if exclusive and exclusive in args:
            if len(args) > 1:
                raise OaiError("badArgument", f"{exclusive} 不能与其他参数同时使用。")
            return verb, args
        unknown = sorted(set(args) - required - optional)
        if unknown:
            raise OaiError("badArgument", f"不允许的参数：{', '.join(unknown)}。")
        missing = sorted(required - set(args))
        if missing:
            raise OaiError("badArgument", f"缺少参数：{', '.join(missing)}。")
        return verb, args

    # Verbs -----------------------------------------------------------------

    def Identify(self, response, args):  # noqa: N802  (named after the verb)
        identify = response.sub(response.root, "Identify")
        response.sub(
            identify,
            "repositoryName",
            getattr(settings, "OAI_REPOSITORY_NAME", "安次区文化馆数字档案馆"),
        )
        response.sub(identify, "baseURL", response.request.text)
        response.sub(identify, "protocolVersion", "2.0")
        for email in getattr(settings, "OAI_ADMIN_EMAILS", ["archive@anci-wenhuaguan.cn"]):
            response.sub(identify, "adminEmail", email)
        response.sub(identify, "earliestDatestamp", format_datestamp(self.earliest_datestamp()))
        response.sub(identify, "deletedRecord", "persistent")
        response.sub(identify, "granularity", "YYYY-MM-DDThh:mm:ssZ")

    def ListMetadataFormats(self, response, args):  # noqa: N802
        if "identifier" in args:
            self.find(args["identifier"])  # raises idDoesNotExist
        formats = response.sub(response.root, "ListMetadataFormats")
        metadata_format = response.sub(formats, "metadataFormat")
        response.sub(metadata_format, "metadataPrefix", METADATA_PREFIX)
        response.sub(metadata_format, "schema", OAI_DC_SCHEMA)
        response.sub(metadata_format, "metadataNamespace", OAI_DC_NS)

    def ListSets(self, response, args):  # noqa: N802
        if "resumptionToken" in args:
            # Every set fits in one response, so no token was ever issued.
            raise OaiError("badResumptionToken", "ListSets 不使用 resumptionToken。")
        sets = response.sub(response.root, "ListSets")
        for spec, name in records.all_sets():
            oai_set = response.sub(sets, "set")
            response.sub(oai_set, "setSpec", spec)
            response.sub(oai_set, "setName", str(name))

    def GetRecord(self, response, args):  # noqa: N802
        record = self.find(args["identifier"])
        self.check_prefix(args["metadataPrefix"])
        container = response.sub(response.root, "GetRecord")
        self.add_record(response, container, record, with_metadata=True)

    def ListIdentifiers(self, response, args):  # noqa: N802
        self.list(response, args, "ListIdentifiers", with_metadata=False)

    def ListRecords(self, response, args):  # noqa: N802
        self.list(response, args, "ListRecords", with_metadata=True)

    # Helpers ---------------------------------------------------------------

    def check_prefix(self, prefix):
        if prefix != METADATA_PREFIX:
            raise OaiError(
                "cannotDisseminateFormat", f"不支持的元数据格式：{prefix!r}，仅支持 oai_dc。"
            )

    def find(self, identifier):
        """The live page or the tombstone an identifier names."""
        parsed = records.parse_identifier(identifier)
        if parsed:
            page = records.find_record(*parsed)
            if page is not None:
                return page
        tombstone = OaiTombstone.objects.filter(identifier=identifier).first()
        if tombstone is not None:
            return tombstone
        raise OaiError("idDoesNotExist", f"标识符不存在：{identifier!r}。")

    def earliest_datestamp(self):
        dates = [
            records.published_records()
            .order_by("oai_datestamp")
            .values_list("oai_datestamp", flat=True)
            .first(),
            OaiTombstone.objects.order_by("datestamp").values_list("datestamp", flat=True).first(),
        ]
        dates = [date for date in dates if date]
        return min(dates) if dates else None

    def add_record(self, response, container, record, with_metadata):
        wrapper = response.sub(container, "record") if with_metadata else container
        header = response.sub(wrapper, "header")
        if isinstance(record, OaiTombstone):
            header.set("status", "deleted")
            response.sub(header, "identifier", record.identifier)
            response.sub(header, "datestamp", format_datestamp(record.datestamp))
            for spec in record.sets:
                response.sub(header, "setSpec", spec)
            return
        response.sub(header, "identifier", records.identifier_for(record))
        response.sub(header, "datestamp", format_datestamp(records.datestamp_of(record)))
        for spec in records.sets_for(record):
            response.sub(header, "setSpec", spec)
        if with_metadata:
            metadata = response.sub(wrapper, "metadata")
            metadata.append(oai_dc_element(record))

    def query_from_arguments(self, args, verb):
        if "resumptionToken" in args:
            return ListQuery.from_token(args["resumptionToken"], verb)
        query = ListQuery(
            args["metadataPrefix"], args.get("from", ""), args.get("until", ""), args.get("set", "")
        )
        self.date_range(query)  # report bad dates before anything else
        self.check_prefix(query.metadata_prefix)
        return query

    def date_range(self, query):
        """``(from, until-exclusive)`` datetimes, checking the arguments agree."""
        start = end = None
        if query.from_:
            start, from_granularity = parse_datestamp(query.from_, "from")
        if query.until:
            until, until_granularity = parse_datestamp(query.until, "until")
            # Datestamps are reported to the second, so "until" covers its whole second (or day).
            end = until + (
                timedelta(days=1) if until_granularity == "day" else timedelta(seconds=1)
            )
        if start and end:
            if from_granularity != until_granularity:
                raise OaiError("badArgument", "from 与 until 的日期粒度必须相同。")
            if start > until:
                raise OaiError("badArgument", "from 不能晚于 until。")
        return start, end

    def matching(self, query):
        """The live pages and tombstones a query selects, each in primary key order."""
        start, end = self.date_range(query)
        pages = records.published_records()
        tombstones = OaiTombstone.objects.order_by("pk")
        if start:
            pages = pages.filter(oai_datestamp__gte=start)
            tombstones = tombstones.filter(datestamp__gte=start)
        if end:
            pages = pages.filter(oai_datestamp__lt=end)
            tombstones = tombstones.filter(datestamp__lt=end)
        if query.set_spec:
            pages = records.records_in_set(pages, query.set_spec)
            tombstones = [t for t in tombstones if records.tombstone_in_set(t, query.set_spec)]
        return pages, list(tombstones)

    def list(self, response, args, verb, with_metadata):
        query = self.query_from_arguments(args, verb)
        if query.set_spec and not records.is_known_set(query.set_spec):
            raise OaiError("noRecordsMatch", f"没有名为 {query.set_spec!r} 的集合。")
        pages, tombstones = self.matching(query)
        size = page_size()
        batch = []  # (phase, primary key, record)
        if query.phase == "page":
            chosen = pages.filter(pk__gt=query.after)[: size + 1]
            chosen = list(chosen.specific())
            if with_metadata:
                prefetch_for_harvest(chosen)
            batch += [("page", page.pk, page) for page in chosen]
        if len(batch) <= size:
            after = query.after if query.phase == "tomb" else 0
            batch += [("tomb", t.pk, t) for t in tombstones if t.pk > after][
                : size + 1 - len(batch)
            ]
        if not batch:
            if query.cursor:
                raise OaiError("badResumptionToken", "resumptionToken 对应的记录已不存在。")
            raise OaiError("noRecordsMatch", "没有符合条件的记录。")
        has_more = len(batch) > size
        batch = batch[:size]
        container = response.sub(response.root, verb)
        for _phase, _pk, record in batch:
            self.add_record(response, container, record, with_metadata)
        if has_more or query.cursor:
            complete = pages.count() + len(tombstones)
            token_text = None
            if has_more:
                last_phase, last_pk, _record = batch[-1]
                next_query = ListQuery(query.metadata_prefix, query.from_, query.until, query.set_spec,
                                       last_phase, last_pk, query.cursor + len(batch))  # fmt: skip
                token_text = next_query.to_token(verb)
            # The last response carries an empty token, as the protocol asks.
            response.sub(container, "resumptionToken", token_text,
                         completeListSize=str(complete), cursor=str(query.cursor))  # fmt: skip
