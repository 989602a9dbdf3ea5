#!/usr/bin/python3
"""Checks a PDF against the machine-checkable part of PDF/UA-1 (ISO 14289-1) and the Matterhorn Protocol 1.1.

Independent of the portal's writer: another language and another parser (qpdf, through pikepdf). The PyPI checker the
issue suggests (`pdfua`) cannot be installed here (PyPI is not reachable), so this covers the same failure conditions
that a machine can decide:

  01-003/004/005  every piece of content is tagged (marked content with an MCID) or an artifact, never both
  01-007          structure elements only of standard types (or role-mapped to one)
  06-001..003     XMP metadata with the PDF/UA identifier (pdfuaid:part 1) and a dc:title
  07-001          ViewerPreferences/DisplayDocTitle true
  09-004          structure elements nested as ISO 32000-1 says (L > LI > Lbl/LBody, Table > TR > TH/TD)
  11-001/006      the document's natural language (/Lang) is set
  13-004          a Figure has alternative text
  14-002/003      headings H1-H6, the first is H1 and none skips a level
  15-003          a table header cell has a Scope
  19-003          no tagged content references a missing structure element (the ParentTree agrees with the MCIDs)
  28-xxx          annotations (none expected) are tagged
  31-001..027     every font embedded, Type0 fonts with a ToUnicode map covering every code shown,
                  CIDFontType2 with a CIDToGIDMap
and that the file is marked tagged (MarkInfo/Marked) with a StructTreeRoot.

Usage: pdfua-check.py FILE.pdf...   Prints one line per failure and exits 1 if any; prints "PDF/UA-1: passed" if none.
"""
import re
import sys

import pikepdf
from pikepdf import Name

STANDARD_TYPES = {
    "Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI", "Index", "NonStruct", "Private",
    "H", "H1", "H2", "H3", "H4", "H5", "H6", "P", "L", "LI", "Lbl", "LBody", "Table", "TR", "TH", "TD", "THead",
    "TBody", "TFoot", "Span", "Quote", "Note", "Reference", "BibEntry", "Code", "Link", "Annot", "Ruby", "RB", "RT",
    "RP", "Warichu", "WT", "WP", "Figure", "Formula", "Form",
}
ALLOWED_PARENTS = {
    "LI": {"L"}, "Lbl": {"LI", "TOCI"}, "LBody": {"LI"},
    "TR": {"Table", "THead", "TBody", "TFoot"}, "TH": {"TR"}, "TD": {"TR"},
    "THead": {"Table"}, "TBody": {"Table"}, "TFoot": {"Table"},
}
ALLOWED_CHILDREN = {
    "L": {"LI", "Caption", "L"}, "LI": {"Lbl", "LBody"}, "Table": {"TR", "THead", "TBody", "TFoot", "Caption"},
    "TR": {"TH", "TD"},
}
TEXT_SHOWING = {"Tj", "TJ", "'", '"'}
PAINTING = {"S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh", "Do", "BI"}


class Checker:
    def __init__(self, path):
        self.path = path
        self.failures = []

    def fail(self, rule, message):
        self.failures.append(f"{rule}: {message}")

    def run(self):
        try:
            pdf = pikepdf.open(self.path)
        except Exception as error:  # noqa: BLE001 - a file qpdf cannot open fails outright
            self.fail("00-000", f"cannot be opened: {error}")
            return self.failures
        with pdf:
            if pdf.is_encrypted:
                self.fail("00-001", "the file is encrypted")
            root = pdf.Root
            self.check_catalog(pdf, root)
            role_map = {}
            tree = root.get("/StructTreeRoot")
            if tree is None:
                self.fail("01-001", "no StructTreeRoot: the document is not tagged")
                return self.failures
            if "/RoleMap" in tree:
                role_map = {str(k)[1:]: str(v)[1:] for k, v in tree.RoleMap.items()}
            elements = self.check_structure(tree, role_map)
            self.check_pages(pdf, tree, elements)
        return self.failures

    # ---- document level ----
    def check_catalog(self, pdf, root):
        mark = root.get("/MarkInfo")
        if mark is None or not bool(mark.get("/Marked", False)):
            self.fail("01-002", "MarkInfo/Marked is not true")
        lang = root.get("/Lang")
        if lang is None or not re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*", str(lang)):
            self.fail("11-001", f"the document's natural language is missing or malformed: {lang!r}")
        prefs = root.get("/ViewerPreferences")
        if prefs is None or not bool(prefs.get("/DisplayDocTitle", False)):
            self.fail("07-001", "ViewerPreferences/DisplayDocTitle is not true")
        metadata = root.get("/Metadata")
        if metadata is None:
            self.fail("06-001", "no XMP metadata stream")
        else:
            xmp = metadata.read_bytes().decode("utf-8", "replace")
            if not re.search(r"<pdfuaid:part>\s*1\s*</pdfuaid:part>|pdfuaid:part=\"1\"", xmp):
                self.fail("06-002", "the XMP metadata has no PDF/UA identifier (pdfuaid:part 1)")
            title = re.search(r"<dc:title>.*?<rdf:li[^>]*>(.*?)</rdf:li>", xmp, re.S)
            if not title or not title.group(1).strip():
                self.fail("06-003", "the XMP metadata has no dc:title")
            elif "/Title" in pdf.trailer.get("/Info", {}):
                info_title = str(pdf.trailer.Info.Title)
                xmp_title = re.sub(r"&lt;", "<", re.sub(r"&gt;", ">", re.sub(r"&amp;", "&", title.group(1))))
                if info_title != xmp_title:
                    self.fail("06-003", f"Info title {info_title!r} differs from dc:title {xmp_title!r}")

    # ---- structure tree ----
    def check_structure(self, tree, role_map):
        elements = {}  # objgen -> (role, element)
        headings = []

        def standard(role):
            seen = set()
            while role in role_map and role not in seen:
                seen.add(role)
                role = role_map[role]
            return role

        def walk(node, parent_role):
            kids = node.get("/K")
            if kids is None:
                return
            if not isinstance(kids, pikepdf.Array):
                kids = [kids]
            for kid in kids:
                if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") in (Name.MCR, Name.OBJR):
                    continue
                if not isinstance(kid, pikepdf.Dictionary):
                    continue  # an MCID
                if "/S" not in kid:
                    self.fail("01-007", "a structure element has no type")
                    continue
                role = standard(str(kid.S)[1:])
                if role not in STANDARD_TYPES:
                    self.fail("01-007", f"non-standard structure type {role} without a role mapping")
                elements[kid.objgen] = (role, kid)
                if role in ALLOWED_PARENTS and parent_role not in ALLOWED_PARENTS[role]:
                    self.fail("09-004", f"{role} inside {parent_role}")
                if parent_role in ALLOWED_CHILDREN and role not in ALLOWED_CHILDREN[parent_role]:
                    self.fail("09-004", f"{role} inside {parent_role}")
                if role == "Figure" and not (str(kid.get("/Alt", "")).strip() or str(kid.get("/ActualText", "")).strip()):
                    self.fail("13-004", "a Figure has no alternative text")
                if role == "TH":
                    attributes = kid.get("/A")
                    attributes = [attributes] if isinstance(attributes, pikepdf.Dictionary) else list(attributes or [])
                    if not any(isinstance(a, pikepdf.Dictionary) and "/Scope" in a for a in attributes):
                        self.fail("15-003", "a table header cell (TH) has no Scope")
                if re.fullmatch(r"H[1-6]", role):
                    headings.append(int(role[1]))
                elif role == "H":
                    self.fail("14-002", "unnumbered heading H used")
                walk(kid, role)

        walk(tree, "StructTreeRoot")
        if headings:
            if headings[0] != 1:
                self.fail("14-002", f"the first heading is H{headings[0]}, not H1")
            for before, after in zip(headings, headings[1:]):
                if after > before + 1:
                    self.fail("14-003", f"heading level skipped: H{before} followed by H{after}")
        return elements

    # ---- pages: content, fonts, parent tree ----
    def check_pages(self, pdf, tree, elements):
        parent_tree = {}
        nums = tree.get("/ParentTree")

        def collect(node):
            if node is None:
                return
            if "/Nums" in node:
                values = list(node.Nums)
                for key, value in zip(values[0::2], values[1::2]):
                    parent_tree[int(key)] = value
            for kid in node.get("/Kids", []):
                collect(kid)

        collect(nums)
        for number, page in enumerate(pdf.pages, start=1):
            for annotation in page.obj.get("/Annots", []):
                if annotation.get("/Subtype") not in (Name.Popup,) and "/StructParent" not in annotation:
                    self.fail("28-002", f"page {number}: an annotation is not tagged")
            fonts = {}
            resources = page.obj.get("/Resources", {})
            for key, font in resources.get("/Font", {}).items():
                fonts[key] = font
                self.check_font(number, key, font)
            mcids = self.check_content(number, page, fonts)
            if mcids:
                if "/StructParents" not in page.obj:
                    self.fail("19-003", f"page {number}: tagged content but no StructParents entry")
                    continue
                owners = parent_tree.get(int(page.obj.StructParents))
                if owners is None:
                    self.fail("19-003", f"page {number}: no ParentTree entry for its StructParents")
                    continue
                for mcid in mcids:
                    if mcid >= len(owners) or owners[mcid].objgen not in elements:
                        self.fail("19-003", f"page {number}: MCID {mcid} belongs to no structure element")
                        continue
                    owner = owners[mcid]
                    if not self.references(owner, mcid, page.obj):
                        self.fail("19-003", f"page {number}: the element owning MCID {mcid} does not list it")

    @staticmethod
    def references(element, mcid, page):
        kids = element.get("/K")
        kids = kids if isinstance(kids, pikepdf.Array) else [kids]
        default_page = element.get("/Pg")
        for kid in kids:
            if isinstance(kid, int) and int(kid) == mcid and default_page is not None and default_page.objgen == page.objgen:
                return True
            if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == Name.MCR and int(kid.MCID) == mcid:
                target = kid.get("/Pg", default_page)
                if target is not None and target.objgen == page.objgen:
                    return True
        return False

    def check_font(self, number, key, font):
        subtype = font.get("/Subtype")
        if subtype == Name.Type0:
            if "/ToUnicode" not in font:
                self.fail("31-027", f"page {number}: font {key} has no ToUnicode map")
            descendant = font.DescendantFonts[0]
            if descendant.get("/Subtype") == Name.CIDFontType2 and "/CIDToGIDMap" not in descendant:
                self.fail("31-003", f"page {number}: CIDFontType2 {key} has no CIDToGIDMap")
            descriptor = descendant.get("/FontDescriptor")
        else:
            descriptor = font.get("/FontDescriptor")
        if descriptor is None or not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
            self.fail("31-001", f"page {number}: font {key} is not embedded")

    @staticmethod
    def unicode_codes(font):
        codes = set()
        if "/ToUnicode" not in font:
            return codes
        cmap = font.ToUnicode.read_bytes().decode("latin-1")
        for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
            for code, text in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block):
                if text:
                    codes.add(int(code, 16))
        for block in re.findall(r"beginbfrange(.*?)endbfrange", cmap, re.S):
            for low, high in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
                codes.update(range(int(low, 16), int(high, 16) + 1))
        return codes

    def check_content(self, number, page, fonts):
        stack = []  # each: "artifact", ("mcid", n) or "other"
        mcids = set()
        mapped = {key: self.unicode_codes(font) for key, font in fonts.items()}
        current_font = None
        missing_codes = set()
        for operands, operator in pikepdf.parse_content_stream(page):
            op = str(operator)
            if op in ("BDC", "BMC"):
                tag = str(operands[0])[1:]
                properties = operands[1] if op == "BDC" and len(operands) > 1 else None
                if tag == "Artifact":
                    if any(isinstance(s, tuple) for s in stack):
                        self.fail("01-004", f"page {number}: an artifact inside tagged content")
                    stack.append("artifact")
                elif isinstance(properties, pikepdf.Dictionary) and "/MCID" in properties:
                    if "artifact" in stack:
                        self.fail("01-003", f"page {number}: tagged content inside an artifact")
                    mcid = int(properties.MCID)
                    if mcid in mcids:
                        self.fail("19-003", f"page {number}: MCID {mcid} used twice")
                    mcids.add(mcid)
                    stack.append(("mcid", mcid))
                else:
                    stack.append("other")
            elif op == "EMC":
                if not stack:
                    self.fail("01-005", f"page {number}: EMC without a matching BDC")
                else:
                    stack.pop()
            elif op == "Tf":
                current_font = Name(str(operands[0]))
            elif op in TEXT_SHOWING or op in PAINTING:
                if not any(s == "artifact" or isinstance(s, tuple) for s in stack):
                    self.fail("01-005", f"page {number}: {op} content neither tagged nor an artifact")
                if op in TEXT_SHOWING and current_font is not None and current_font in fonts:
                    font = fonts[current_font]
                    if font.get("/Subtype") == Name.Type0 and not any(s == "artifact" for s in stack):
                        strings = operands[0] if op == "TJ" else [operands[-1]]
                        for item in strings:
                            if isinstance(item, pikepdf.String):
                                data = bytes(item)
                                for i in range(0, len(data) - 1, 2):
                                    code = (data[i] << 8) | data[i + 1]
                                    if code not in mapped[current_font]:
                                        missing_codes.add(code)
        if stack:
            self.fail("01-005", f"page {number}: marked content left open")
        if missing_codes:
            self.fail("31-027", f"page {number}: codes with no Unicode mapping: {sorted(missing_codes)[:10]}")
        return mcids


def main(paths):
    failed = False
    for path in paths:
        failures = Checker(path).run()
        for failure in failures:
            print(f"{path}: {failure}")
        failed = failed or bool(failures)
    if not failed:
        print("PDF/UA-1: passed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
