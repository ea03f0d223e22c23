package org.mburoja.leak.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The byte-level XML reader of workbook parts: against the JDK's StAX reader on seeded random documents (names with
 * prefixes, attributes in both quotes, references, CDATA, comments, processing instructions, non-ASCII text), read
 * whole and in pieces of one to a few bytes so that every construct is cut by the buffer's edge; and on broken and
 * hostile documents, which must fail with where and why, or be read without resolving anything.
 */
class XmlBytesTest {

    static LongStream seeds() {
        return LongStream.range(0, 30);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void readsWhatTheJdksReaderReadsWhereverTheBufferCutsTheDocument(long seed) throws Exception {
        Random rnd = new Random(seed);
        for (int d = 0; d < 40; d++) {
            String doc = document(rnd);
            byte[] bytes = doc.getBytes(StandardCharsets.UTF_8);
            List<String> expected = stax(bytes);
            assertThat(events(new ByteArrayInputStream(bytes))).as("seed %d doc %d: %s", seed, d, doc)
                    .isEqualTo(expected);
            assertThat(events(new Trickle(new ByteArrayInputStream(bytes), new Random(seed * 31 + d))))
                    .as("seed %d doc %d in pieces: %s", seed, d, doc).isEqualTo(expected);
        }
    }

    @Test
    void readsStartTagsAttributesTextAndEnds() throws Exception {
        assertThat(events(xml("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<!-- c -->"
                + "<x:a xmlns:x='u' b = \"1\" x:c='2'>t&amp;&lt;&gt;&quot;&apos;&#233;&#x1F600;<d/><![CDATA[<&>]]>"
                + "</x:a>"))).containsExactly("<a b=1 c=2 x=u>", "t&<>\"'é\uD83D\uDE00", "<d>", "</d>",
                "<&>", "</a>");
    }

    @Test
    void aByteOrderMarkAndOtherEncodingsAreReadAsUtf8() throws Exception {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] doc = "<a>Ëë çÇ</a>".getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[bom.length + doc.length];
        System.arraycopy(bom, 0, withBom, 0, 3);
        System.arraycopy(doc, 0, withBom, 3, doc.length);
        assertThat(events(new ByteArrayInputStream(withBom))).containsExactly("<a>", "Ëë çÇ", "</a>");
        assertThat(events(new ByteArrayInputStream("\uFEFF<a>Ëë çÇ</a>".getBytes(StandardCharsets.UTF_16LE))))
                .containsExactly("<a>", "Ëë çÇ", "</a>");
        assertThat(events(new ByteArrayInputStream("\uFEFF<a>Ëë çÇ</a>".getBytes(StandardCharsets.UTF_16BE))))
                .containsExactly("<a>", "Ëë çÇ", "</a>");
        assertThat(events(new ByteArrayInputStream("<?xml version='1.0' encoding='windows-1250'?><a>Ëë çÇ</a>"
                .getBytes(Charset.forName("windows-1250"))))).containsExactly("<a>", "Ëë çÇ", "</a>");
        assertThatThrownBy(() -> events(xml("<?xml version='1.0' encoding='x-no-such'?><a/>")))
                .isInstanceOf(XmlBytes.Malformed.class).hasMessageContaining("'x-no-such' is not known");
    }

    @Test
    void textThatIsNotUtf8BecomesTheReplacementCharacter() throws Exception {
        byte[] doc = {'<', 'a', '>', 'x', (byte) 0xEB, 'y', (byte) 0xC3, (byte) 0xAB, (byte) 0xE2, (byte) 0x82, '<',
                '/', 'a', '>'};
        assertThat(events(new ByteArrayInputStream(doc))).containsExactly("<a>", "x\uFFFDyë\uFFFD\uFFFD", "</a>");
    }

    @Test
    void aDocumentTypeIsSkippedAndItsEntitiesAreNeverResolved() throws Exception {
        String doc = "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\"><!-- ] > -->"
                + "<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;]>\">]><a>&x;-&lol2;</a>";
        assertThat(events(xml(doc))).containsExactly("<a>", "-", "</a>");
    }

    @Test
    void brokenDocumentsSayWhereAndWhy() {
        assertBroken("<a>\n<b>x</a>", 2, "the end tag </a> does not close <b>");
        assertBroken("<a><b>x</b>", 1, "the document ends inside <a>");
        assertBroken("<a b=1/>", 1, "without quotes");
        assertBroken("<a b/>", 1, "without a value");
        assertBroken("<a b='1'c='2'/>", 1, "no space between the attributes");
        assertBroken("<a b='1", 1, "ends inside a tag");
        assertBroken("<a>x & y</a>", 1, "a '&' that starts no reference");
        assertBroken("<a>&#xD800;</a>", 1, "no character");
        assertBroken("<a>&#99999999999;</a>", 1, "no character");
        assertBroken("<a></a></b>", 1, "closes nothing");
        assertBroken("<a><!-- x", 1, "ends inside a comment");
        assertBroken("<a><![CDATA[ x", 1, "ends inside CDATA");
        assertBroken("<a><!ELEMENT x></a>", 1, "neither a comment");
        assertBroken("<a <b>", 1, "'<' inside a tag");
        assertBroken("< a/>", 1, "without a name");
        assertBroken("<a/ >", 1, "'/' inside the tag");
        assertBroken("<a>\n\n  <b>\n</c>", 4, "does not close <b>");
    }

    @Test
    void aTagLongerThanTheLimitIsRefusedWithoutReadingTheRest() {
        InputStream endless = new InputStream() {
            private long n;

            @Override
            public int read() {
                return n++ == 0 ? '<' : n < 4 ? 'a' : ' ';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                for (int i = 0; i < len; i++) {
                    b[off + i] = (byte) read();
                }
                return len;
            }
        };
        assertThatThrownBy(() -> events(endless)).isInstanceOf(XmlBytes.Malformed.class)
                .hasMessageContaining("a tag of more than " + XmlBytes.MAX_TAG + " bytes");
    }

    @Test
    void longTextIsKeptUpToItsLimitAndReadPast() throws Exception {
        String big = "x".repeat(500_000);
        XmlBytes x = new XmlBytes(xml("<a>" + big + "</a><!-- after -->"), 1000);
        assertThat(x.next()).isEqualTo(XmlBytes.START);
        assertThat(x.next()).isEqualTo(XmlBytes.TEXT);
        assertThat(x.textLength()).isEqualTo(1000);
        assertThat(x.next()).isEqualTo(XmlBytes.END);
        assertThat(x.next()).isEqualTo(XmlBytes.EOF);
    }

    @Test
    void deepNestingAndManyAttributesAreRead() throws Exception {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            b.append("<e").append(i % 7).append(" a='").append(i).append("'>");
        }
        for (int i = 4999; i >= 0; i--) {
            b.append("</e").append(i % 7).append(">");
        }
        assertThat(events(xml(b.toString()))).hasSize(10_000);
        StringBuilder attrs = new StringBuilder("<a");
        for (int i = 0; i < 300; i++) {
            attrs.append(" k").append(i).append("=\"v").append(i).append('"');
        }
        XmlBytes x = new XmlBytes(xml(attrs.append("/>").toString()), 100);
        assertThat(x.next()).isEqualTo(XmlBytes.START);
        assertThat(x.value("k299".getBytes(StandardCharsets.US_ASCII))).isEqualTo("v299");
        assertThat(x.value("k300".getBytes(StandardCharsets.US_ASCII))).isNull();
    }

    // --- the reference: StAX, without DTDs, text coalesced

    private static List<String> stax(byte[] doc) throws Exception {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        XMLStreamReader r = f.createXMLStreamReader(new ByteArrayInputStream(doc));
        List<String> out = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int depth = 0;
        while (r.hasNext()) {
            int ev = r.next();
            if (ev == XMLStreamConstants.CHARACTERS || ev == XMLStreamConstants.CDATA
                    || ev == XMLStreamConstants.SPACE) {
                if (depth > 0) {
                    text.append(r.getText());
                }
                continue;
            }
            if (ev != XMLStreamConstants.START_ELEMENT && ev != XMLStreamConstants.END_ELEMENT) {
                continue;
            }
            flush(out, text);
            depth += ev == XMLStreamConstants.START_ELEMENT ? 1 : -1;
            if (ev == XMLStreamConstants.START_ELEMENT) {
                List<String> attrs = new ArrayList<>();
                for (int i = 0; i < r.getAttributeCount(); i++) {
                    attrs.add(r.getAttributeLocalName(i) + "=" + r.getAttributeValue(i));
                }
                for (int i = 0; i < r.getNamespaceCount(); i++) {
                    String prefix = r.getNamespacePrefix(i);
                    attrs.add((prefix == null || prefix.isEmpty() ? "xmlns" : prefix) + "="
                            + r.getNamespaceURI(i));
                }
                out.add(tag(r.getLocalName(), attrs));
            } else {
                out.add("</" + r.getLocalName() + ">");
            }
        }
        flush(out, text);
        return out;
    }

    /** The reader's events in the same form, adjacent texts joined, attribute values raw (no references used). */
    private static List<String> events(InputStream in) throws IOException, XmlBytes.Malformed {
        XmlBytes x = new XmlBytes(in, 1 << 20);
        List<String> out = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int ev;
        while ((ev = x.next()) != XmlBytes.EOF) {
            if (ev == XmlBytes.TEXT) {
                text.append(new String(x.text(), 0, x.textLength(), StandardCharsets.UTF_8));
                continue;
            }
            flush(out, text);
            if (ev == XmlBytes.START) {
                List<String> attrs = new ArrayList<>();
                byte[] b = x.buffer();
                for (String name : attributeNames(x)) {
                    int a = x.attribute(name.getBytes(StandardCharsets.UTF_8));
                    // a namespace declaration's local name is its prefix, or xmlns: as StAX gives them
                    attrs.add(name + "=" + new String(b, x.valueStart(a), x.valueEnd(a) - x.valueStart(a),
                            StandardCharsets.UTF_8));
                }
                out.add(tag(x.localName(), attrs));
            } else {
                out.add("</" + x.localName() + ">");
            }
        }
        flush(out, text);
        return out;
    }

    /** The local names of the current tag's attributes, read back from the buffer. */
    private static List<String> attributeNames(XmlBytes x) {
        List<String> names = new ArrayList<>();
        for (int i = 0; ; i++) {
            String n = x.attributeName(i);
            if (n == null) {
                return names;
            }
            names.add(n);
        }
    }

    private static String tag(String name, List<String> attrs) {
        List<String> sorted = new ArrayList<>(attrs);
        sorted.sort(null);
        return "<" + name + (sorted.isEmpty() ? "" : " " + String.join(" ", sorted)) + ">";
    }

    private static void flush(List<String> out, StringBuilder text) {
        if (!text.isEmpty()) {
            out.add(text.toString());
            text.setLength(0);
        }
    }

    // --- documents

    private static final String[] NAMES = {"row", "c", "v", "t", "si", "x:c", "is", "rPh", "sheetData", "ё", "a-b"};
    private static final String[] TEXTS = {"17", " ", "\n", "Arbën", "çÇëË", "a&amp;b", "&lt;tag&gt;", "&#65;&#x42;",
            "&quot;q&apos;", "\uD83D\uDE00", "J00101999W", "x]y", "]]", "tab\there"};

    /** A random well-formed document: no prefixes left undeclared, no text outside the root. */
    private static String document(Random rnd) {
        StringBuilder b = new StringBuilder();
        if (rnd.nextBoolean()) {
            b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        }
        if (rnd.nextInt(4) == 0) {
            b.append("<!-- a comment - with a dash -->\n");
        }
        element(b, rnd, 0, true);
        if (rnd.nextBoolean()) {
            b.append("\n<?pi after?>");
        }
        return b.toString();
    }

    private static void element(StringBuilder b, Random rnd, int depth, boolean root) {
        String name = NAMES[rnd.nextInt(NAMES.length)];
        b.append('<').append(name);
        if (root || name.startsWith("x:")) {
            b.append(" xmlns:x=\"urn:x\"");
        }
        if (root) {
            b.append(" xmlns=\"urn:main\"");
        }
        int attrs = rnd.nextInt(4);
        for (int i = 0; i < attrs; i++) {
            char q = rnd.nextBoolean() ? '"' : '\'';
            b.append(rnd.nextBoolean() ? " " : "\n\t").append("k").append(i).append(rnd.nextBoolean() ? "=" : " = ")
                    .append(q).append(rnd.nextBoolean() ? "A" + rnd.nextInt(1000) : "s p>a" + (q == '"' ? "'" : "\""))
                    .append(q);
        }
        if (depth > 4 || rnd.nextInt(5) == 0) {
            b.append(rnd.nextBoolean() ? "/>" : " />");
            return;
        }
        b.append('>');
        int parts = rnd.nextInt(5);
        for (int i = 0; i < parts; i++) {
            switch (rnd.nextInt(6)) {
                case 0, 1 -> b.append(TEXTS[rnd.nextInt(TEXTS.length)].replace("]]", rnd.nextBoolean() ? "]]" : "]"));
                case 2 -> b.append("<![CDATA[").append(rnd.nextBoolean() ? "<&>]" : "x]]y]").append("]]>");
                case 3 -> b.append("<!--").append(rnd.nextBoolean() ? "" : " c ").append("-->");
                case 4 -> b.append("<?target data ? more?>");
                default -> element(b, rnd, depth + 1, false);
            }
        }
        b.append("</").append(name).append('>');
    }

    // --- helpers

    private static InputStream xml(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertBroken(String doc, long line, String why) {
        for (InputStream in : List.of(xml(doc), new Trickle(xml(doc), new Random(doc.length())))) {
            assertThatThrownBy(() -> events(in)).as(doc).isInstanceOfSatisfying(XmlBytes.Malformed.class, e -> {
                assertThat(e.getMessage()).as(doc).contains(why);
                assertThat(e.line()).as(doc).isEqualTo(line);
            });
        }
    }

    /** Gives a stream's bytes a few at a time (one to seven), as a network or an inflater may. */
    private static final class Trickle extends FilterInputStream {
        private final Random rnd;

        Trickle(InputStream in, Random rnd) {
            super(in);
            this.rnd = rnd;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(len, 1 + rnd.nextInt(7)));
        }
    }
}
