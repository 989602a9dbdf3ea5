using System.Text;

namespace ParentPortal.Platform.Localisation;

/// <summary>
/// Pseudo-localisation: the English text with every Latin letter accented, stretched by about a third and wrapped in
/// <c>[!!</c> … <c>!!]</c> ("What do you need?" becomes "[!!Ŵĥàţ ðó ýóû ñééð?~~~~~!!]"). Placeholders (<c>{0}</c>) are
/// kept as they are, so a template still formats. No plain a-z is left, so a test finds untranslated text as any plain
/// letter outside what the family typed.
/// </summary>
public static class PseudoText
{
    public const string Open = "[!!";
    public const string Close = "!!]";

    private static readonly Dictionary<char, char> Accents = new()
    {
        ['a'] = 'à', ['b'] = 'ƀ', ['c'] = 'ç', ['d'] = 'ð', ['e'] = 'é', ['f'] = 'ƒ', ['g'] = 'ĝ', ['h'] = 'ĥ', ['i'] = 'î',
        ['j'] = 'ĵ', ['k'] = 'ķ', ['l'] = 'ļ', ['m'] = 'ɱ', ['n'] = 'ñ', ['o'] = 'ó', ['p'] = 'þ', ['r'] = 'ŕ', ['s'] = 'š',
        ['t'] = 'ţ', ['u'] = 'û', ['w'] = 'ŵ', ['y'] = 'ý', ['z'] = 'ž', ['q'] = 'ʠ', ['v'] = 'ṽ', ['x'] = 'ẋ',
        ['A'] = 'À', ['B'] = 'Ɓ', ['C'] = 'Ç', ['D'] = 'Ð', ['E'] = 'É', ['F'] = 'Ƒ', ['G'] = 'Ĝ', ['H'] = 'Ĥ', ['I'] = 'Î',
        ['J'] = 'Ĵ', ['K'] = 'Ķ', ['L'] = 'Ļ', ['N'] = 'Ñ', ['O'] = 'Ó', ['P'] = 'Þ', ['R'] = 'Ŕ', ['S'] = 'Š', ['T'] = 'Ţ',
        ['U'] = 'Û', ['W'] = 'Ŵ', ['Y'] = 'Ý', ['Z'] = 'Ž', ['M'] = 'Ṁ', ['Q'] = 'Ǫ', ['V'] = 'Ṽ', ['X'] = 'Ẋ',
    };

    public static string Of(string english)
    {
        ArgumentNullException.ThrowIfNull(english);
        var text = new StringBuilder(english.Length * 2);
        text.Append(Open);
        var inPlaceholder = false;
        foreach (var c in english)
        {
            inPlaceholder = c == '{' || (inPlaceholder && c != '}');
            text.Append(!inPlaceholder && Accents.TryGetValue(c, out var accented) ? accented : c);
        }

        text.Append('~', Math.Max(1, english.Length / 3));
        text.Append(Close);
        return text.ToString();
    }
}
