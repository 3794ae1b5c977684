using System.Text;

namespace BackOffice.Infrastructure.Data;

/// <summary>A one-page PDF with a few lines of text: the specimen documents of the demo book.</summary>
public static class SpecimenPdf
{
    public static byte[] Build(string title, IEnumerable<string> lines)
    {
        var text = new StringBuilder("BT /F1 20 Tf 60 760 Td (").Append(Escape(title)).Append(") Tj /F1 12 Tf");
        foreach (var line in lines) text.Append(" 0 -22 Td (").Append(Escape(line)).Append(") Tj");
        text.Append(" 0 -40 Td (SPECIMEN - demonstration data, not a real document) Tj ET");
        var stream = text.ToString();
        var objects = new[]
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
            $"<< /Length {Encoding.ASCII.GetByteCount(stream)} >>\nstream\n{stream}\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        };
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(Encoding.ASCII.GetByteCount(pdf.ToString()));
            pdf.Append(i + 1).Append(" 0 obj\n").Append(objects[i]).Append("\nendobj\n");
        }
        var xref = Encoding.ASCII.GetByteCount(pdf.ToString());
        pdf.Append("xref\n0 ").Append(objects.Length + 1).Append("\n0000000000 65535 f \n");
        foreach (var o in offsets) pdf.Append(o.ToString("D10")).Append(" 00000 n \n");
        pdf.Append("trailer\n<< /Size ").Append(objects.Length + 1).Append(" /Root 1 0 R >>\nstartxref\n").Append(xref).Append("\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }

    // PDF strings are Latin: accents are dropped rather than garbled.
    private static string Escape(string s) =>
        new string(s.Normalize(NormalizationForm.FormD).Where(ch => ch < 128).ToArray()).Replace("\\", "\\\\").Replace("(", "\\(").Replace(")", "\\)");
}
