#!/usr/bin/env bash
# Regenerates the committed font subsets and copies the logo into the app.
# Needs Debian's fonts-noto-core, fonts-noto-cjk, python3-fonttools and python3-brotli (only to rebuild; the results
# are committed).
# Fonts: Noto Sans, SIL Open Font License 1.1 (no reserved font name), see fonts/OFL.txt.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
app="$here/../ParentPortal/wwwroot"
src=/usr/share/fonts/truetype/noto
subset() { /usr/bin/python3 -m fontTools.subset "$@"; }
# Web fonts: three files per face, each with a unicode-range (ParentPortal/Components/Layout/FontFaces.razor), so a browser fetches only the ones a page's
# letters need. Unhinted (browsers on high-density screens ignore hinting, and Chromium and Firefox render unhinted
# Noto Sans well on Windows), with only the layout features the pages use: about 10 KB for the common file instead of
# 51 KB. "latin": Basic Latin, Latin-1 and the punctuation an English page uses (most pages need only this).
web_latin="U+0020-007E,U+00A0-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+2010-2027,U+2030-203A,U+2044,U+20AC,U+2116,U+2122,U+2190-2193,U+2212,U+FFFD"
# "latin-ext": Latin Extended-A/B and Additional, combining marks (Welsh ŵ ŷ ẁ ẃ ẅ ỳ, Łukasz, Dvořák, Romanian ș ț).
web_latinext="U+0100-0130,U+0132-0151,U+0154-024F,U+0300-036F,U+1E00-1EFF"
# "ext": Greek and Cyrillic.
web_ext="U+0370-03FF,U+0400-04FF"
for style in Regular Bold Italic; do
  for range in latin latinext ext; do
    name="web_$range"
    subset "$src/NotoSans-$style.ttf" --unicodes="${!name}" --layout-features='kern,liga,mark,mkmk,ccmp,locl' \
      --no-hinting --desubroutinize --flavor=woff2 --output-file="$app/fonts/NotoSans-$style-${range/latinext/latin-ext}.woff2"
  done
done
# PDF copies: "latin": Basic Latin, Latin-1, Latin Extended-A/B (Łukasz, Dvořák, Siân, Núñez), combining marks,
# punctuation, £ €; "ext": Greek, Cyrillic and Latin Extended Additional (Welsh ẁ ẃ ẅ ỳ, Vietnamese).
latin="U+0020-007E,U+00A0-024F,U+0300-036F,U+2010-2027,U+2030-203A,U+2044,U+20AC,U+2116,U+2122,U+2190-2193,U+2212,U+FFFD"
ext="U+0370-03FF,U+0400-04FF,U+1E00-1EFF"
# The PDF copy of "ext" also carries the combining marks, so a mark after one of its letters (Yoruba ọ̀, which has no
# precomposed form) is shaped with that letter and sits on it.
ext_pdf="$ext,U+0300-036F"
for style in Regular Bold Italic; do
  for range in latin ext; do
    # Unhinted too (PDFs scale); the PDF writer cuts each down again to the glyphs used.
    pdf_range="$range"; [ "$range" = ext ] && pdf_range=ext_pdf
    subset "$src/NotoSans-$style.ttf" --unicodes="${!pdf_range}" --layout-features='kern,liga,mark,mkmk,ccmp' \
      --no-hinting --desubroutinize --output-file="$here/fonts/NotoSans-$style-$range.ttf"
  done
done
# PDFs only: Arabic script (Arabic, Urdu, Persian names), shaped with HarfBuzz at run time. Arabic,
# Arabic Supplement and the presentation forms (the PDF maps shaped glyphs back to text through them).
# Noto Sans Arabic has no italic: italic text in Arabic uses the regular face.
arabic="U+0600-06FF,U+0750-077F,U+FB50-FBFF,U+FE70-FEFF,U+200C-200D,U+0020,U+00A0"
for style in Regular Bold; do
  subset "$src/NotoSansArabic-$style.ttf" --unicodes="$arabic" --layout-features='*' \
    --no-hinting --desubroutinize --output-file="$here/fonts/NotoSansArabic-$style.ttf"
done
# PDFs only: the other scripts a family in England may write a name in (Census 2021 main languages), each a regular
# and a bold face with the script's block, its joiners, the dotted circle and the dandas, all layout features.
# Needs fonts-noto-core (and fonts-noto-cjk for Chinese, below).
common="U+0020,U+00A0,U+200C,U+200D,U+25CC,U+2010-2011,U+0964-0965"
script() {
  for style in Regular Bold; do
    subset "$src/$1-$style.ttf" --unicodes="$2,$common" --layout-features='*' --no-hinting --desubroutinize \
      --name-IDs='*' --notdef-outline --output-file="$here/fonts/$1-$style.ttf"
  done
}
script NotoSansBengali "U+0980-09FF"
script NotoSansDevanagari "U+0900-097F,U+A8E0-A8FF,U+1CD0-1CFF"
script NotoSansGujarati "U+0A80-0AFF"
script NotoSansGurmukhi "U+0A00-0A7F"
script NotoSansTamil "U+0B80-0BFF"
script NotoSansSinhala "U+0D80-0DFF,U+111E1-111F4"
script NotoSansHebrew "U+0590-05FF,U+FB1D-FB4F"
# Chinese: see make-cjk-font.py (GB 2312 + Big5 level 1, converted to TrueType outlines).
/usr/bin/python3 "$here/make-cjk-font.py" cjk "$here/fonts"
cp "$here/logo.svg" "$app/img/logo.svg"
ls -l "$here/fonts" "$app/fonts"
