using QRCoder;

namespace ParentPortal.Platform.Pdf;

/// <summary>
/// The squares of a QR code, from QRCoder's module matrix (its own renderers need System.Drawing, which Linux lacks).
/// Includes the 4-module quiet zone the code needs around it to scan.
/// </summary>
public sealed class QrModules
{
    private readonly bool[] dark;

    private QrModules(int size, bool[] dark)
    {
        Size = size;
        this.dark = dark;
    }

    /// <summary>Modules per side, quiet zone included.</summary>
    public int Size { get; }

    public bool IsDark(int row, int column) => dark[(row * Size) + column];

    /// <summary>Error correction level M (15%): enough for a printed page that gets folded or photocopied.</summary>
    public static QrModules Create(string payload)
    {
        ArgumentException.ThrowIfNullOrEmpty(payload);
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(payload, QRCodeGenerator.ECCLevel.M);
        var matrix = data.ModuleMatrix;
        var size = matrix.Count;
        var dark = new bool[size * size];
        for (var row = 0; row < size; row++)
        {
            for (var column = 0; column < size; column++)
            {
                dark[(row * size) + column] = matrix[row][column];
            }
        }

        return new QrModules(size, dark);
    }
}
