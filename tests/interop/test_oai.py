"""OAI-PMH: the six verbs, every error code, sets, date ranges, paging and deletions."""

from datetime import UTC, datetime, timedelta
from urllib.parse import quote

from django.core import signing
from django.test import TestCase, override_settings
from django.utils import timezone
from wagtail.models import Site

from heritage_archive.core.choices import Category
from heritage_archive.interop.models import OaiRecordState, OaiTombstone
from heritage_archive.interop.oai import TOKEN_SALT
from tests.factories import make_heritage_item, make_inheritor
from tests.utils import build_site

from .helpers import DC, NS, OAI, error_code, header_identifiers, make_figure, oai_get

REPO = "oai:anci-wenhuaguan"


class OaiTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.pages = build_site()
        cls.item = make_heritage_item(
            cls.pages,
            title="安次快板",
            key="Ⅴ-3",
            category=Category.QUYI,
            summary="流行于安次的曲艺。",
        )
        cls.item.tags.add("快板")
        cls.item.save_revision().publish()
        cls.craft = make_heritage_item(
            cls.pages, title="安次剪纸", key="Ⅶ-1", category=Category.TRADITIONAL_ART
        )
        cls.inheritor = make_inheritor(cls.pages, title="张师傅", key="CCR-001")
        cls.inheritor.items.add(cls.item)
        cls.inheritor.save_revision().publish()
        cls.figure = make_figure(
            cls.pages, birth_year=1724, death_year=1805, alt_names="晓岚、春帆"
        )

    def item_id(self, key="Ⅴ-3"):
        return f"{REPO}:heritage:{quote(key, safe='')}"


class VerbTests(OaiTestCase):
    def test_identify(self):
        root = oai_get(self.client, verb="Identify")
        identify = root.find(f"{OAI}Identify")
        self.assertEqual(identify.findtext(f"{OAI}protocolVersion"), "2.0")
        self.assertEqual(identify.findtext(f"{OAI}deletedRecord"), "persistent")
        self.assertEqual(identify.findtext(f"{OAI}granularity"), "YYYY-MM-DDThh:mm:ssZ")
        # The Site's configured address, not the request's (tests/interop/test_absolute_urls.py).
        site = Site.objects.get(is_default_site=True)
        self.assertEqual(identify.findtext(f"{OAI}baseURL"), f"{site.root_url}/oai/")
        self.assertRegex(
            identify.findtext(f"{OAI}earliestDatestamp"), r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$"
        )

    def test_list_metadata_formats(self):
        root = oai_get(self.client, verb="ListMetadataFormats")
        self.assertEqual(root.findtext(".//oai:metadataPrefix", namespaces=NS), "oai_dc")
        root = oai_get(self.client, verb="ListMetadataFormats", identifier=self.item_id())
        self.assertEqual(root.findtext(".//oai:metadataPrefix", namespaces=NS), "oai_dc")

    def test_list_sets_has_types_and_every_category(self):
        root = oai_get(self.client, verb="ListSets")
        specs = {element.text for element in root.iterfind(".//oai:setSpec", NS)}
        self.assertTrue({"type:heritage", "type:inheritor", "type:figure"} <= specs)
        self.assertTrue({f"category:{value}" for value in Category.values} <= specs)

    def test_list_identifiers_lists_every_record(self):
        root = oai_get(self.client, verb="ListIdentifiers", metadataPrefix="oai_dc")
        self.assertCountEqual(
            header_identifiers(root),
            [
                self.item_id(),
                self.item_id("Ⅶ-1"),
                f"{REPO}:inheritor:CCR-001",
                f"{REPO}:figure:MR-001",
            ],
        )
        self.assertIsNone(root.find(".//oai:resumptionToken", NS))

    def test_list_records_carries_dublin_core(self):
        root = oai_get(self.client, verb="ListRecords", metadataPrefix="oai_dc")
        self.assertEqual(len(root.findall(".//oai:record", NS)), 4)
        self.assertEqual(len(root.findall(".//oai_dc:dc", NS)), 4)

    def test_get_record_maps_heritage_item_to_dublin_core(self):
        root = oai_get(
            self.client, verb="GetRecord", identifier=self.item_id(), metadataPrefix="oai_dc"
        )
        dc = root.find(".//oai_dc:dc", NS)
        values = {}
        for element in dc:
            values.setdefault(element.tag.removeprefix(DC), []).append(element.text)
        self.assertEqual(values["title"], ["安次快板"])
        self.assertIn("Ⅴ-3", values["identifier"])
        self.assertIn(self.item.full_url, values["identifier"])
        self.assertEqual(values["subject"], ["曲艺", "快板"])
        self.assertEqual(values["description"], ["流行于安次的曲艺。"])
        self.assertEqual(values["date"], ["2009", "2013"])
        self.assertEqual(values["publisher"], ["安次区文化馆"])
        self.assertEqual(values["language"], ["zh"])
        self.assertIn(self.inheritor.full_url, values["relation"])
        header = root.find(".//oai:header", NS)
        self.assertEqual(
            [s.text for s in header.iterfind("oai:setSpec", NS)], ["type:heritage", "category:quyi"]
        )

    def test_get_record_for_figure_and_inheritor(self):
        root = oai_get(
            self.client,
            verb="GetRecord",
            identifier=f"{REPO}:figure:MR-001",
            metadataPrefix="oai_dc",
        )
        self.assertEqual(root.findtext(".//dc:date", namespaces=NS), "1724/1805")
        titles = [element.text for element in root.iterfind(".//dc:title", NS)]
        self.assertEqual(titles, ["纪昀", "晓岚", "春帆"])
        root = oai_get(
            self.client,
            verb="GetRecord",
            identifier=f"{REPO}:inheritor:CCR-001",
            metadataPrefix="oai_dc",
        )
        relations = [element.text for element in root.iterfind(".//dc:relation", NS)]
        self.assertEqual(relations, [self.item.full_url])

    def test_post_is_accepted(self):
        response = self.client.post("/oai/", {"verb": "Identify"})
        self.assertEqual(response.status_code, 200)
        self.assertIn(b"<Identify>", response.content)


class ErrorTests(OaiTestCase):
    def assertError(self, code, **params):  # noqa: N802
        root = oai_get(self.client, **params)
        self.assertEqual(error_code(root), code, params)
        return root

    def test_bad_verb(self):
        self.assertError("badVerb")
        self.assertError("badVerb", verb="Harvest")
        root = self.client.get("/oai/?verb=Identify&verb=ListSets")
        self.assertIn(b'code="badVerb"', root.content)

    def test_bad_argument(self):
        self.assertError("badArgument", verb="Identify", set="type:heritage")
        self.assertError("badArgument", verb="ListRecords")
        self.assertError("badArgument", verb="GetRecord", identifier=self.item_id())
        self.assertError(
            "badArgument", verb="ListIdentifiers", metadataPrefix="oai_dc", resumptionToken="x"
        )

    def test_nul_characters_are_bad_arguments(self):
        self.assertError(
            "badArgument",
            verb="GetRecord",
            identifier=f"{REPO}:figure:\x00",
            metadataPrefix="oai_dc",
        )

    def test_repeated_argument_is_bad_argument(self):
        response = self.client.get(
            "/oai/?verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=oai_dc"
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn(b'code="badArgument"', response.content)

    def test_bad_dates(self):
        for value in (
            "2024-13-01",
            "yesterday",
            "2024-01-01T10:00:00",
            "2024-01-01T25:00:00Z",
            "2024-1-1",
        ):
            with self.subTest(value=value):
                self.assertError(
                    "badArgument", verb="ListRecords", metadataPrefix="oai_dc", **{"from": value}
                )
        self.assertError(
            "badArgument",
            verb="ListRecords",
            metadataPrefix="oai_dc",
            **{"from": "2024-01-01", "until": "2024-06-01T00:00:00Z"},
        )
        self.assertError(
            "badArgument",
            verb="ListRecords",
            metadataPrefix="oai_dc",
            **{"from": "2025-01-02", "until": "2025-01-01"},
        )

    def test_errors_are_well_formed_without_echoed_arguments(self):
        root = self.assertError(
            "badArgument", verb="ListRecords", metadataPrefix="oai_dc", **{"from": "bad"}
        )
        self.assertEqual(root.find(f"{OAI}request").attrib, {})

    def test_cannot_disseminate_format(self):
        self.assertError("cannotDisseminateFormat", verb="ListRecords", metadataPrefix="marc21")
        self.assertError(
            "cannotDisseminateFormat",
            verb="GetRecord",
            identifier=self.item_id(),
            metadataPrefix="mods",
        )

    def test_id_does_not_exist(self):
        for identifier in (
            f"{REPO}:heritage:nope",
            "oai:elsewhere:heritage:Ⅴ-3",
            "garbage",
            f"{REPO}:page:1",
        ):
            with self.subTest(identifier=identifier):
                self.assertError(
                    "idDoesNotExist",
                    verb="GetRecord",
                    identifier=identifier,
                    metadataPrefix="oai_dc",
                )
        self.assertError(
            "idDoesNotExist", verb="ListMetadataFormats", identifier=f"{REPO}:figure:nobody"
        )

    def test_no_records_match(self):
        self.assertError(
            "noRecordsMatch",
            verb="ListRecords",
            metadataPrefix="oai_dc",
            set="category:folk-custom",
        )
        self.assertError(
            "noRecordsMatch", verb="ListRecords", metadataPrefix="oai_dc", set="no-such-set"
        )
        self.assertError(
            "noRecordsMatch",
            verb="ListIdentifiers",
            metadataPrefix="oai_dc",
            **{"from": "2999-01-01"},
        )

    def test_forged_and_foreign_tokens_are_bad_resumption_tokens(self):
        unsigned = "ListRecords:oai_dc::::page:0:0"
        forged_payload = signing.dumps(
            ["ListRecords", "oai_dc", "", "", "", "page", 0, 0], salt="other-salt"
        )
        wrong_verb = signing.dumps(
            ["ListIdentifiers", "oai_dc", "", "", "", "page", 0, 0], salt=TOKEN_SALT
        )
        for token in ("abc", unsigned, forged_payload, wrong_verb, "", "%00"):
            with self.subTest(token=token):
                self.assertError("badResumptionToken", verb="ListRecords", resumptionToken=token)
        self.assertError("badResumptionToken", verb="ListSets", resumptionToken="anything")

    def test_tampered_token_is_refused(self):
        with override_settings(OAI_PAGE_SIZE=2):
            root = oai_get(self.client, verb="ListIdentifiers", metadataPrefix="oai_dc")
        token = root.findtext(".//oai:resumptionToken", namespaces=NS)
        value, signature = token.rsplit(":", 1)
        tampered = value[:-1] + ("A" if value[-1] != "A" else "B") + ":" + signature
        self.assertError("badResumptionToken", verb="ListIdentifiers", resumptionToken=tampered)


class SetAndDateTests(OaiTestCase):
    def test_type_sets(self):
        root = oai_get(
            self.client, verb="ListIdentifiers", metadataPrefix="oai_dc", set="type:inheritor"
        )
        self.assertEqual(header_identifiers(root), [f"{REPO}:inheritor:CCR-001"])
        root = oai_get(self.client, verb="ListIdentifiers", metadataPrefix="oai_dc", set="type")
        self.assertEqual(len(header_identifiers(root)), 4)

    def test_category_sets(self):
        root = oai_get(
            self.client, verb="ListIdentifiers", metadataPrefix="oai_dc", set="category:quyi"
        )
        self.assertEqual(header_identifiers(root), [self.item_id()])
        root = oai_get(self.client, verb="ListIdentifiers", metadataPrefix="oai_dc", set="category")
        self.assertCountEqual(header_identifiers(root), [self.item_id(), self.item_id("Ⅶ-1")])

    def test_from_and_until_select_by_last_change(self):
        old = datetime(2020, 5, 17, 8, 30, 15, 400000, tzinfo=UTC)
        OaiRecordState.objects.filter(page_id=self.craft.pk).update(datestamp=old)
        params = {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc"}
        root = oai_get(self.client, **params, until="2020-05-17T08:30:15Z")
        self.assertEqual(header_identifiers(root), [self.item_id("Ⅶ-1")])
        self.assertEqual(root.findtext(".//oai:datestamp", namespaces=NS), "2020-05-17T08:30:15Z")
        root = oai_get(self.client, **params, until="2020-05-17")
        self.assertEqual(header_identifiers(root), [self.item_id("Ⅶ-1")])
        self.assertEqual(
            error_code(oai_get(self.client, **params, until="2020-05-17T08:30:14Z")),
            "noRecordsMatch",
        )
        root = oai_get(self.client, **params, **{"from": "2020-05-18"})
        self.assertEqual(len(header_identifiers(root)), 3)
        root = oai_get(
            self.client,
            **params,
            **{"from": "2020-05-17T08:30:15Z", "until": "2020-05-17T08:30:15Z"},
        )
        self.assertEqual(header_identifiers(root), [self.item_id("Ⅶ-1")])


class PagingTests(OaiTestCase):
    @override_settings(OAI_PAGE_SIZE=3)
    def test_resumption_tokens_walk_every_record_once(self):
        OaiTombstone.objects.create(
            identifier=f"{REPO}:heritage:OLD-1", datestamp=timezone.now(), sets=["type:heritage"]
        )
        root = oai_get(self.client, verb="ListRecords", metadataPrefix="oai_dc")
        seen = header_identifiers(root)
        token = root.find(".//oai:resumptionToken", NS)
        self.assertEqual(token.get("completeListSize"), "5")
        self.assertEqual(token.get("cursor"), "0")
        root = oai_get(self.client, verb="ListRecords", resumptionToken=token.text)
        seen += header_identifiers(root)
        last = root.find(".//oai:resumptionToken", NS)
        self.assertIsNone(last.text)  # an empty token ends the list
        self.assertEqual(last.get("cursor"), "3")
        self.assertEqual(len(seen), 5)
        self.assertEqual(len(set(seen)), 5)
        self.assertIn(f"{REPO}:heritage:OLD-1", seen)


class DeletedRecordTests(OaiTestCase):
    def test_unpublished_record_is_reported_deleted_until_republished(self):
        self.craft.unpublish()
        identifier = self.item_id("Ⅶ-1")
        root = oai_get(
            self.client, verb="GetRecord", identifier=identifier, metadataPrefix="oai_dc"
        )
        header = root.find(".//oai:header", NS)
        self.assertEqual(header.get("status"), "deleted")
        self.assertIsNone(root.find(".//oai:metadata", NS))
        self.assertEqual(
            [s.text for s in header.iterfind("oai:setSpec", NS)],
            ["type:heritage", "category:traditional-art"],
        )
        root = oai_get(
            self.client,
            verb="ListIdentifiers",
            metadataPrefix="oai_dc",
            set="category:traditional-art",
        )
        self.assertEqual(root.find(".//oai:header", NS).get("status"), "deleted")

        self.craft.save_revision().publish()
        self.assertFalse(OaiTombstone.objects.filter(identifier=identifier).exists())
        root = oai_get(
            self.client, verb="GetRecord", identifier=identifier, metadataPrefix="oai_dc"
        )
        self.assertIsNone(root.find(".//oai:header", NS).get("status"))

    def test_deleted_record_keeps_a_tombstone(self):
        self.figure.delete()
        root = oai_get(
            self.client, verb="ListIdentifiers", metadataPrefix="oai_dc", set="type:figure"
        )
        header = root.find(".//oai:header", NS)
        self.assertEqual(header.findtext("oai:identifier", namespaces=NS), f"{REPO}:figure:MR-001")
        self.assertEqual(header.get("status"), "deleted")
        recent = (timezone.now() - timedelta(minutes=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
        root = oai_get(
            self.client,
            verb="ListRecords",
            metadataPrefix="oai_dc",
            **{"from": recent},
            set="type:figure",
        )
        self.assertEqual(len(root.findall(".//oai:header[@status='deleted']", NS)), 1)

    def test_changed_key_leaves_a_tombstone_for_the_old_identifier(self):
        page = type(self.inheritor).objects.get(pk=self.inheritor.pk)
        page.key = "CCR-101"
        page.save_revision().publish()
        root = oai_get(
            self.client, verb="ListIdentifiers", metadataPrefix="oai_dc", set="type:inheritor"
        )
        headers = {
            h.findtext("oai:identifier", namespaces=NS): h.get("status")
            for h in root.iterfind(".//oai:header", NS)
        }
        self.assertEqual(
            headers, {f"{REPO}:inheritor:CCR-101": None, f"{REPO}:inheritor:CCR-001": "deleted"}
        )

    def test_draft_never_published_leaves_no_tombstone(self):
        from heritage_archive.records.figures.models import FigurePage

        draft = FigurePage(title="草稿人物", slug="draft-figure", key="MR-DRAFT", live=False)
        self.pages["figures"].add_child(instance=draft)
        draft.delete()
        self.assertFalse(OaiTombstone.objects.filter(identifier__endswith="MR-DRAFT").exists())
