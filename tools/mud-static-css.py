#!/usr/bin/env python3
"""Cuts MudBlazor's stylesheet down to what the server-rendered (family) pages use: ParentPortal/wwwroot/css/mud-static.css.

The server-rendered pages use a handful of MudBlazor components (MudText, MudButton, MudAlert, MudLink, MudContainer,
MudProgressLinear) and spacing classes. MudBlazor.min.css is 613 KB for every component; this keeps the rules whose
every class is one of those components' or one of the spacing classes the pages name, the rules with no class at all
(MudBlazor's element resets, so a page looks the same as an interactive one), and the keyframes they animate with.

Run it again after upgrading MudBlazor or using another component on a server-rendered page:

    tools/mud-static-css.py [path/to/MudBlazor.min.css]

The browser tests check every server-rendered page they visit: a MudBlazor class on the page that this file lacks
fails the test (TestSupport/PageExtensions.AssertMudClassesStyledAsync).
"""
import glob
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "ParentPortal", "wwwroot", "css", "mud-static.css")

# The components the server-rendered pages use, by their classes' prefixes, and the colour classes they take.
PREFIXES = (
    "mud-typography", "mud-alert", "mud-button", "mud-link", "mud-container", "mud-progress-linear", "mud-icon",
    "mud-svg-icon", "mud-ripple", "mud-width-full", "mud-elevation-0",
    "mud-primary", "mud-secondary", "mud-tertiary", "mud-info", "mud-success", "mud-warning", "mud-error",
    "mud-dark", "mud-default", "mud-inherit", "mud-surface", "mud-snackbar",
)
# Plain class names MudBlazor styles on these pages: the progress bar's direction, Blazor's error bar's reload link.
NAMES = {"horizontal", "vertical", "reload"}
# Spacing and layout helpers named in Class="..." on the server-rendered pages (and a few near them).
SPACING = re.compile(r"^(m|p)[trblaxy]?-(n?\d+|auto)$|^d-(flex|inline-flex|block|none|inline|inline-block)$|^gap-\d+$|"
                     r"^(flex|align|justify)-[a-z0-9-]+$")

CLASS = re.compile(r"\.(-?[_a-zA-Z][_a-zA-Z0-9-]*)")


def wanted(name):
    return name.startswith(PREFIXES) or name in NAMES or SPACING.match(name) is not None


def selector_kept(selector):
    classes = CLASS.findall(selector)
    return all(wanted(c) for c in classes)


def split_top(css):
    """Yields (prelude, body) for each top-level block, where body is the text between the braces."""
    i, n = 0, len(css)
    while i < n:
        open_at = css.find("{", i)
        if open_at < 0:
            return
        prelude = css[i:open_at].strip()
        depth, j = 1, open_at + 1
        while depth and j < n:
            if css[j] == "{":
                depth += 1
            elif css[j] == "}":
                depth -= 1
            j += 1
        yield prelude, css[open_at + 1:j - 1]
        i = j


KEYFRAMES = []


def cut(css):
    """The kept rules of a block of CSS, as text; keyframes go to KEYFRAMES, to be kept if a kept rule names them."""
    out = []
    for prelude, body in split_top(css):
        if prelude.startswith(("@media", "@supports")):
            inner = cut(body)
            if inner:
                out.append(f"{prelude}{{{inner}}}")
        elif prelude.startswith(("@keyframes", "@-webkit-keyframes")):
            KEYFRAMES.append((prelude.split()[1], f"{prelude}{{{body}}}"))
        elif not prelude.startswith("@"):
            kept = [s for s in split_comma(prelude) if selector_kept(s)]
            if kept:
                out.append(f"{','.join(kept)}{{{body}}}")
    return "".join(out)


def split_comma(prelude):
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(prelude):
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append(prelude[start:i].strip())
            start = i + 1
    parts.append(prelude[start:].strip())
    return parts


def main():
    source = sys.argv[1] if len(sys.argv) > 1 else sorted(
        glob.glob(os.path.expanduser("~/.nuget/packages/mudblazor/*/staticwebassets/MudBlazor.min.css")))[-1]
    version = source.split("/mudblazor/")[1].split("/")[0] if "/mudblazor/" in source else "unknown"
    css = re.sub(r"/\*.*?\*/", "", open(source, encoding="utf-8").read(), flags=re.S)
    rules = cut(css)
    used = "".join(text for name, text in KEYFRAMES if re.search(r"\b" + re.escape(name) + r"\b", rules))
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", encoding="utf-8") as f:
        f.write(f"/* MudBlazor {version} (MIT), cut to what the server-rendered pages use by tools/mud-static-css.py: do not edit. */\n")
        f.write(rules + used + "\n")
    print(f"{OUT}: {os.path.getsize(OUT)} bytes from {os.path.getsize(source)}")


if __name__ == "__main__":
    main()
