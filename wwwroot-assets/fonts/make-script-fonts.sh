set -e
S=/usr/share/fonts/truetype/noto
common="U+0020,U+00A0,U+200C,U+200D,U+25CC,U+2010-2011,U+0964-0965"
sub() { /usr/bin/python3 -m fontTools.subset "$S/$1-$2.ttf" --unicodes="$3,$common" --layout-features='*' --no-hinting --desubroutinize --name-IDs='*' --notdef-outline --output-file="$1-$2.ttf"; }
for w in Regular Bold; do
 sub NotoSansBengali $w "U+0980-09FF"
 sub NotoSansDevanagari $w "U+0900-097F,U+A8E0-A8FF,U+1CD0-1CFF"
 sub NotoSansGujarati $w "U+0A80-0AFF"
 sub NotoSansGurmukhi $w "U+0A00-0A7F,U+0A51,U+0A75"
 sub NotoSansTamil $w "U+0B80-0BFF"
 sub NotoSansSinhala $w "U+0D80-0DFF,U+111E1-111F4"
 sub NotoSansHebrew $w "U+0590-05FF,U+FB1D-FB4F"
done
