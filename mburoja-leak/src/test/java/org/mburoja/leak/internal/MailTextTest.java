package org.mburoja.leak.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A mailbox read as the text its readers see, and its attachments handed on decoded. */
class MailTextTest {

    private final Map<String, String> attachments = new LinkedHashMap<>();

    private String text(InputStream in) throws IOException {
        MailText t = new MailText(in, (name, data) -> attachments.put(name,
                new String(data.readAllBytes(), StandardCharsets.UTF_8)));
        return new String(t.readAllBytes(), StandardCharsets.UTF_8);
    }

    private String text(String mail) throws IOException {
        return text(new ByteArrayInputStream(mail.getBytes(StandardCharsets.UTF_8)));
    }

    private static InputStream fixture(String name) {
        return MailTextTest.class.getResourceAsStream("/org/mburoja/leak/mail/" + name);
    }

    @Test
    void headersPartsAndCharsetsAreDecodedAndAttachmentsHandedOn() throws Exception {
        String t = text(fixture("kutia.mbox"));
        assertThat(t).contains("From: Arbën Hoxha <arben.hoxha@financa.gov.al>")
                .contains("Subject: Lista e pagave – Ministria")
                .contains("Arben Hoxha është J00101999W dhe celulari 0691234567") // quoted-printable, soft breaks
                .contains("Numri personal: J00101999W") // HTML in base64, tags out
                .contains("Tel, 0691234567")
                .contains("Faleminderit, I45203123S është numri im.") // windows-1250
                .contains("From the office: tel 0692345678") // a "From " line after text separates nothing
                .doesNotContain("color:red").doesNotContain("iVBOR").doesNotContain("=C3");
        assertThat(attachments).containsOnlyKeys("message 1/paga.csv");
        assertThat(attachments.get("message 1/paga.csv")).startsWith("Emri,Mbiemri,Numri personal")
                .contains("Elira,Gashi,I45203123S");
    }

    @Test
    void aSingleMessageIsReadAndAFromLineInItsBodySeparatesNothing() throws Exception {
        String t = text("""
                From: Ana <ana@example.al>
                To: Beni <beni@example.al>
                Subject: =?utf-8?Q?P=C3=ABr_t=C3=AB_dh=C3=ABnat?= =?utf-8?Q?_e_reja?=
                Content-Type: text/plain; charset="utf-8"

                Rreshti i parë.

                From now on: J00101999W.
                """);
        assertThat(t).contains("Subject: Për të dhënat e reja").contains("From now on: J00101999W.");
    }

    @Test
    void aNestedMessageAndRfc2231FileNamesAreRead() throws Exception {
        String t = text("""
                From: a@example.al
                Subject: Fwd
                Content-Type: multipart/mixed; boundary=b1

                --b1
                Content-Type: message/rfc822

                From: Ilir Krasniqi <ilir@example.al>
                Subject: Paga
                Content-Type: text/plain

                NID J00101999W
                --b1
                Content-Type: application/octet-stream
                Content-Disposition: attachment; filename*=utf-8''lista%20e%20pag%C3%ABs.csv

                Emri,Numri personal
                Ilir,J00101999W
                --b1--
                """);
        assertThat(t).contains("From: Ilir Krasniqi <ilir@example.al>").contains("NID J00101999W");
        assertThat(attachments).containsOnlyKeys("message 1/lista e pagës.csv");
    }

    @Test
    void brokenAndHostileStructuresEndAtTheNextMessage() throws Exception {
        StringBuilder deep = new StringBuilder("From x@y Mon Jan 1 00:00:00 2024\nFrom: x@y\nTo: z@y\nDate: now\n");
        for (int i = 0; i < 200; i++) {
            deep.append("Content-Type: multipart/mixed; boundary=b").append(i).append("\n\n--b").append(i).append('\n');
        }
        deep.append("Content-Type: text/plain\n\nthe deep text\n");
        deep.append("--b5\nContent-Transfer-Encoding: base64\n\n!!!not base64@@@ SjAwMTAxOTk5Vw==\n"); // never closed
        deep.append("\nFrom z@y Tue Jan 2 00:00:00 2024\nFrom: z@y\nSubject: next\n\nJ00101999W after\n");
        deep.append("Subject: ").append("x".repeat(3 << 20)).append('\n');
        String t = text(deep.toString());
        assertThat(t).contains("Subject: next").contains("J00101999W after");
    }

    @Test
    void everyCutAndRandomDamageEndsInTextNeverInAnError() throws Exception {
        byte[] box = fixture("kutia.mbox").readAllBytes();
        for (int n = 0; n <= box.length; n++) {
            text(new ByteArrayInputStream(box, 0, n));
        }
        java.util.Random rnd = new java.util.Random(20261208);
        for (int t = 0; t < 500; t++) {
            byte[] b = box.clone();
            String damage = "-=\n\r:;\"?_ABab0123456789";
            for (int i = 0, flips = 1 + rnd.nextInt(30); i < flips; i++) {
                b[rnd.nextInt(b.length)] = (byte) damage.charAt(rnd.nextInt(damage.length()));
            }
            assertThat(text(new ByteArrayInputStream(b))).as("case %d", t).isNotNull();
        }
    }

    @Test
    void isMailByNameOrByItsHeaders() {
        byte[] eml = "Received: from x\nFrom: a@b\nTo: c@d\nSubject: s\n\nbody".getBytes(StandardCharsets.US_ASCII);
        byte[] csv = "Emri,Mbiemri\nArben,Hoxha\n".getBytes(StandardCharsets.US_ASCII);
        byte[] paste = "From: the forum\nnothing else\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(MailText.isMail("dump.txt", eml, eml.length)).isTrue();
        assertThat(MailText.isMail("x.eml", csv, csv.length)).isTrue();
        assertThat(MailText.isMail("dump.csv", csv, csv.length)).isFalse();
        assertThat(MailText.isMail("paste.txt", paste, paste.length)).isFalse();
    }
}
