package fr.parcours.notification;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;

/**
 * The certificate of conformity attached to the "certificate issued" mail: a one-page PDF written by hand
 * (PDF 1.4, the standard Helvetica fonts, WinAnsi encoding), so that no PDF library is needed. It is a
 * simple generated document stating the certificate's number, date, holder and device; the signed
 * certificate itself stays on Convergence.
 */
final class CertificateDocument {

  private static final Charset WIN_ANSI = Charset.forName("windows-1252");

  private CertificateDocument() {
  }

  /** Lines of the page: the first is the title, in bold. */
  static byte[] pdf(List<String> lines) {
    StringBuilder content = new StringBuilder("BT\n/F1 18 Tf\n60 770 Td\n(" + escape(lines.get(0)) + ") Tj\n/F2 11 Tf\n");
    for (String line : lines.subList(1, lines.size())) {
      content.append("0 -22 Td\n(").append(escape(line)).append(") Tj\n");
    }
    content.append("ET\n");
    byte[] stream = content.toString().getBytes(WIN_ANSI);

    List<String> objects = List.of(
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R /F2 5 0 R >> >>"
            + " /Contents 6 0 R >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<Integer> offsets = new ArrayList<>();
    write(out, "%PDF-1.4\n");
    for (int i = 0; i < objects.size(); i++) {
      offsets.add(out.size());
      write(out, (i + 1) + " 0 obj\n" + objects.get(i) + "\nendobj\n");
    }
    offsets.add(out.size());
    write(out, "6 0 obj\n<< /Length " + stream.length + " >>\nstream\n");
    out.writeBytes(stream);
    write(out, "endstream\nendobj\n");
    int xref = out.size();
    StringBuilder table = new StringBuilder("xref\n0 7\n0000000000 65535 f \n");
    for (int offset : offsets) {
      table.append(String.format("%010d 00000 n \n", offset));
    }
    write(out, table + "trailer\n<< /Size 7 /Root 1 0 R >>\nstartxref\n" + xref + "\n%%EOF\n");
    return out.toByteArray();
  }

  private static String escape(String text) {
    StringBuilder escaped = new StringBuilder();
    for (char c : (text == null ? "" : text).toCharArray()) {
      if (c == '\\' || c == '(' || c == ')') {
        escaped.append('\\').append(c);
      } else if (c < 32) {
        escaped.append(' ');
      } else if (WIN_ANSI.newEncoder().canEncode(c)) {
        escaped.append(c);
      } else {
        escaped.append('?');
      }
    }
    return escaped.toString();
  }

  private static void write(ByteArrayOutputStream out, String text) {
    out.writeBytes(text.getBytes(WIN_ANSI));
  }
}
