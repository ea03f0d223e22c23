package org.mburoja.leak;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * A stolen mailbox (mbox, or one message as .eml): the text of its messages is one file of the report, each
 * attachment a file of its own, read by its kind (a CSV export here); pictures are left out.
 */
class MailboxTest {

    private static ScanReport scan(String name, byte[] bytes) throws Exception {
        return new LeakScanner(ScanOptions.defaults()).scan(name, new ByteArrayInputStream(bytes), bytes.length,
                ScanProgress.NONE);
    }

    private static byte[] fixture(String name) throws Exception {
        try (InputStream in = MailboxTest.class.getResourceAsStream("/org/mburoja/leak/mail/" + name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void theMessagesAreTextAndEachAttachmentAFileOfItsOwn() throws Exception {
        ScanReport r = scan("kutia.mbox", fixture("kutia.mbox"));
        assertThat(r.perFile()).extracting(FileReport::name)
                .containsExactlyInAnyOrder("kutia.mbox", "kutia.mbox!/message 1/paga.csv");
        FileReport box = r.perFile().stream().filter(f -> f.name().equals("kutia.mbox")).findFirst().orElseThrow();
        assertThat(box.format()).isEqualTo("mail");
        assertThat(box.problems()).isEmpty();
        // J00101999W in the quoted-printable text and in the HTML part (twice in all), I45203123S in the second
        // message's Windows-1250 text and in the HTML's script
        assertThat(box.count(EntityType.NID)).isEqualTo(4);
        assertThat(box.count(EntityType.PHONE)).as("the one after a soft line break included").isEqualTo(3);
        assertThat(box.count(EntityType.EMAIL)).as("senders and recipients, not the Message-ID").isEqualTo(5);
        assertThat(box.count(EntityType.GOV_EMAIL)).isEqualTo(5);
        FileReport csv = r.perFile().stream().filter(f -> f.name().endsWith("paga.csv")).findFirst().orElseThrow();
        assertThat(csv.format()).isEqualTo("csv");
        assertThat(csv.records()).isEqualTo(2);
        assertThat(csv.count(EntityType.SALARY)).isEqualTo(2);
        assertThat(r.distinctNids()).isEqualTo(2);
    }

    @Test
    void attachmentsPastTheArchiveEntryLimitAreLeftOutAndSaidSo() throws Exception {
        byte[] one = fixture("kutia.mbox");
        byte[] three = new byte[one.length * 3];
        for (int i = 0; i < 3; i++) {
            System.arraycopy(one, 0, three, i * one.length, one.length);
        }
        ScanReport r = new LeakScanner(ScanOptions.defaults().withArchiveLimits(64L << 30, 2, 200, 16L << 20))
                .scan("kutia.mbox", new ByteArrayInputStream(three), three.length, ScanProgress.NONE);
        assertThat(r.perFile()).filteredOn(f -> f.name().endsWith("paga.csv")).hasSize(2);
        assertThat(r.perFile()).flatExtracting(FileReport::problems)
                .containsExactly("more than 2 attachments: those after were not scanned (the messages' text was)");
        assertThat(r.perFile()).filteredOn(f -> f.name().equals("kutia.mbox") && f.format().equals("mail"))
                .singleElement().satisfies(f -> assertThat(f.count(EntityType.NID)).isEqualTo(12));
    }

    @Test
    void aMessageWithoutItsMimeStructureIsStillText() throws Exception {
        byte[] eml = ("From: Ana <ana@example.al>\nTo: beni@example.al\nSubject: x\nDate: today\n"
                + "Content-Type: multipart/mixed; boundary=never\n\nJ00101999W without any boundary\n").getBytes();
        ScanReport r = scan("mesazh.eml", eml);
        assertThat(r.perFile()).singleElement().satisfies(f -> {
            assertThat(f.format()).isEqualTo("mail");
            assertThat(f.count(EntityType.EMAIL)).isEqualTo(2);
            assertThat(f.count(EntityType.NID)).as("the text of a part that never begins").isEqualTo(1);
        });
    }
}
