"""Makes the Chinese fonts the PDFs embed: Noto Sans CJK SC (Debian's fonts-noto-cjk) cut down to the characters of
GB 2312 (Simplified) and the frequently used level of Big5 (Traditional), 8,836 in all, with every layout feature,
and converted from CFF to TrueType outlines (the portal's PDF writer embeds TrueType: CIDFontType2).
Usage: /usr/bin/python3 make-cjk-font.py cjk OUTPUT_DIR   (run by build-assets.sh; the results are committed)."""
import sys, io
from fontTools.ttLib import TTCollection, TTFont
from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib.tables._g_l_y_f import table__g_l_y_f
from fontTools.ttLib.tables._l_o_c_a import table__l_o_c_a
from fontTools.ttLib import newTable

def chars_gb2312():
    s=set()
    for hi in range(0xB0,0xF8):
        for lo in range(0xA1,0xFF):
            try: s.add(bytes([hi,lo]).decode('gb2312'))
            except: pass
    return s
def chars_big5_level1():
    s=set()
    for hi in range(0xA4,0xC7):
        for lo in list(range(0x40,0x7F))+list(range(0xA1,0xFF)):
            if hi==0xC6 and lo>0x7E: break
            try: s.add(bytes([hi,lo]).decode('big5'))
            except: pass
    return s
def otf_to_ttf(font):
    glyphOrder = font.getGlyphOrder()
    gs = font.getGlyphSet()
    glyf = newTable("glyf"); glyf.glyphOrder = glyphOrder; glyf.glyphs = {}
    for name in glyphOrder:
        pen = TTGlyphPen(gs)
        gs[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        glyf[name] = pen.glyph()
    font["loca"] = newTable("loca"); font["glyf"] = glyf
    del font["CFF "]
    if "VORG" in font: del font["VORG"]
    font["maxp"] = maxp = newTable("maxp"); maxp.tableVersion = 0x00010000
    maxp.maxZones=1; maxp.maxTwilightPoints=0; maxp.maxStorage=0; maxp.maxFunctionDefs=0; maxp.maxInstructionDefs=0; maxp.maxStackElements=0; maxp.maxSizeOfInstructions=0; maxp.maxComponentElements=max(len(g.components if hasattr(g,'components') else []) for g in glyf.glyphs.values())
    maxp.compile = maxp.compile
    font.sfntVersion = "\000\001\000\000"
    post = font["post"]; post.formatType = 3.0; 
    return font

which = sys.argv[1]
if which == 'cjk':
    cs = chars_gb2312() | chars_big5_level1()
    text = ''.join(sorted(cs)) + ''.join(chr(c) for c in range(0x3000,0x3040)) + ''.join(chr(c) for c in range(0xFF01,0xFF5F)) + '·・'
    print(len(cs), file=sys.stderr)
    for weight in ['Regular','Bold']:
        ttc = TTCollection(f'/usr/share/fonts/opentype/noto/NotoSansCJK-{weight}.ttc')
        f = [x for x in ttc.fonts if x['name'].getDebugName(6) == f'NotoSansCJKsc-{weight}'][0]
        opts = subset.Options(); opts.layout_features=['*']; opts.name_IDs=['*']; opts.notdef_outline=True; opts.hinting=False; opts.desubroutinize=True
        sub = subset.Subsetter(opts); sub.populate(text=text); sub.subset(f)
        f = otf_to_ttf(f)
        f.save(f'{sys.argv[2]}/NotoSansSC-{weight}.ttf')
