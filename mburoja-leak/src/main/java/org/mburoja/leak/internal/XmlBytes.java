package org.mburoja.leak.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Arrays;
import java.util.Locale;

/**
 * A pull reader of XML that works on the bytes: start tags with their attributes, end tags and text, with the
 * predefined and numeric character references decoded and nothing else of XML's machinery. It exists for the two
 * large parts of a workbook (a sheet of a million rows is half a gigabyte of XML, its shared strings a quarter): the
 * JDK's StAX reader made a {@code String} of every name, attribute and text and took about 70% of a workbook's scan
 * (60,000 rows a second). Here a name is compared as bytes where it lies in the buffer, and text is copied once into
 * a reused array, as UTF-8.
 *
 * <p>What it checks: tags are closed in order (the names match), attribute values are quoted, the document does not
 * end inside an element or a tag, and a tag is at most {@value #MAX_TAG} bytes. A document type declaration is
 * skipped whole (its entities are never defined, so neither an external entity nor an expansion bomb is ever read);
 * a reference to any entity but the five predefined ones is left out of the text, as the JDK's reader did when told
 * not to replace them. Comments and processing instructions are skipped; CDATA is text. Invalid UTF-8 in text
 * becomes U+FFFD. Parts in another encoding (a byte-order mark of UTF-16, or an {@code encoding} other than UTF-8 in
 * the declaration) are transcoded to UTF-8 as they are read. A problem is a {@link Malformed} with its line and
 * column.
 */
final class XmlBytes {

    static final int EOF = 0;
    static final int START = 1;
    static final int END = 2;
    static final int TEXT = 3;

    /** The longest tag read (its name and attributes): longer ones are taken as a broken document. */
    static final int MAX_TAG = 1 << 20;

    /** A document that is not well-formed where it was read: what and where. */
    static final class Malformed extends Exception {
        private final long line;
        private final long column;

        Malformed(String what, long line, long column) {
            super(what);
            this.line = line;
            this.column = column;
        }

        long line() {
            return line;
        }

        long column() {
            return column;
        }
    }

    private InputStream in;
    private byte[] buf = new byte[1 << 16];
    private int pos;
    private int lim;
    private boolean eof;
    private long linesBefore; // line breaks in the bytes already dropped from the buffer
    private int lineStart; // where the current line starts in the buffer, or -1 if before it

    // the current start or end tag: its name in the buffer
    private int nameStart;
    private int nameEnd;
    private int localStart;
    private boolean selfClosing;
    private boolean pendingEnd;
    // attributes of the current start tag: local name and value ranges in the buffer
    private int[] attrs = new int[4 * 8];
    private int attrCount;

    // open elements: their qualified names one after the other
    private byte[] open = new byte[256];
    private int[] openStarts = new int[32];
    private int depth;

    // text of the current TEXT event
    private final int maxText;
    private byte[] text = new byte[256];
    private int textLen;
    private boolean highBytes;

    /** Reads {@code in}; a text event keeps at most {@code maxTextBytes} bytes (the rest is read and left out). */
    XmlBytes(InputStream in, int maxTextBytes) throws IOException, Malformed {
        this.in = in;
        this.maxText = maxTextBytes;
        encoding();
    }

    // --- events

    /** The next event: {@link #START}, {@link #END}, {@link #TEXT} (only inside the root element) or {@link #EOF}. */
    int next() throws IOException, Malformed {
        if (pendingEnd) {
            pendingEnd = false;
            depth--;
            return END;
        }
        while (true) {
            if (pos >= lim && !fill(1)) {
                if (depth > 0) {
                    throw malformed("the document ends inside <" + openName(depth - 1) + ">");
                }
                return EOF;
            }
            if (buf[pos] != '<') {
                readText();
                if (depth > 0) {
                    return TEXT;
                }
                continue; // white space (or stray text) around the root element
            }
            if (!fill(2)) {
                throw malformed("the document ends inside a tag");
            }
            byte b = buf[pos + 1];
            if (b == '/') {
                endTag();
                return END;
            } else if (b == '?') {
                skipPast(2, "?>", "a processing instruction");
            } else if (b == '!') {
                fill(9); // as much as "<![CDATA[" if the document has it
                if (startsWith("<!--")) {
                    skipPast(4, "-->", "a comment");
                } else if (startsWith("<![CDATA[")) {
                    if (depth == 0) {
                        throw malformed("CDATA outside the root element");
                    }
                    cdata();
                    return TEXT;
                } else if (startsWith("<!DOCTYPE")) {
                    doctype();
                } else {
                    throw malformed("'<!' starts neither a comment, CDATA nor a document type");
                }
            } else {
                startTag();
                return START;
            }
        }
    }

    /** Whether the current tag's local name (after any prefix) is {@code name} (ASCII). */
    boolean is(byte[] name) {
        int n = name.length;
        if (nameEnd - localStart != n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (buf[localStart + i] != name[i]) {
                return false;
            }
        }
        return true;
    }

    /** The current tag's local name, for messages. */
    String localName() {
        return new String(buf, localStart, nameEnd - localStart, StandardCharsets.UTF_8);
    }

    /** The index of the current start tag's attribute with this local name, or -1. */
    int attribute(byte[] name) {
        int n = name.length;
        outer:
        for (int i = 0; i < attrCount; i++) {
            int a = 4 * i;
            int s = attrs[a];
            if (attrs[a + 1] - s != n) {
                continue;
            }
            for (int k = 0; k < n; k++) {
                if (buf[s + k] != name[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The local name of the current start tag's attribute {@code i}, or null past the last. */
    String attributeName(int i) {
        return i < attrCount ? new String(buf, attrs[4 * i], attrs[4 * i + 1] - attrs[4 * i], StandardCharsets.UTF_8)
                : null;
    }

    /** The buffer that holds the attribute values (valid until the next event). */
    byte[] buffer() {
        return buf;
    }

    int valueStart(int attribute) {
        return attrs[4 * attribute + 2];
    }

    int valueEnd(int attribute) {
        return attrs[4 * attribute + 3];
    }

    /** An attribute's value as a string (raw: references not decoded), or null when there is none. */
    String value(byte[] name) {
        int a = attribute(name);
        return a < 0 ? null : new String(buf, valueStart(a), valueEnd(a) - valueStart(a), StandardCharsets.UTF_8);
    }

    /** The current text, valid until the next event: {@code text()[0, textLength())}, UTF-8. */
    byte[] text() {
        return text;
    }

    int textLength() {
        return textLen;
    }

    /** The open elements, the current start tag's included. */
    int depth() {
        return depth;
    }

    // --- tags

    private void startTag() throws IOException, Malformed {
        int end;
        while ((end = parseStartTag()) < 0) {
            if (lim - pos >= MAX_TAG) {
                throw malformed("a tag of more than " + MAX_TAG + " bytes");
            }
            if (!fill(lim - pos + 1)) {
                throw malformed("the document ends inside a tag");
            }
        }
        push();
        pos = end + 1;
        if (selfClosing) {
            pendingEnd = true;
        }
    }

    /**
     * The start tag at {@code pos} in one pass: its name, its attributes and the index of its '>'; -1 when the
     * buffer ends first (the caller reads more and asks again).
     */
    private int parseStartTag() throws Malformed {
        byte[] b = buf;
        int lim = this.lim;
        int p = pos + 1;
        nameStart = p;
        int local = p;
        while (p < lim) {
            byte c = b[p];
            if (c == ' ' || c == '>' || c == '/' || c == '\n' || c == '\r' || c == '\t') {
                break;
            }
            if (c == ':') {
                local = p + 1;
            } else if (c == '<') {
                throw malformedAt(p, "'<' inside a tag");
            }
            p++;
        }
        if (p >= lim) {
            return -1;
        }
        localStart = local;
        nameEnd = p;
        if (nameEnd == nameStart || !nameStart(b[nameStart])) {
            throw malformedAt(pos + 1, "a tag without a name");
        }
        attrCount = 0;
        selfClosing = false;
        while (true) {
            while (p < lim && space(b[p])) {
                p++;
            }
            if (p >= lim) {
                return -1;
            }
            byte c = b[p];
            if (c == '>') {
                return p;
            }
            if (c == '/') {
                if (p + 1 >= lim) {
                    return -1;
                }
                if (b[p + 1] != '>') {
                    throw malformedAt(p, "'/' inside the tag <" + localName() + ">");
                }
                selfClosing = true;
                return p + 1;
            }
            int an = p;
            int al = p;
            while (p < lim) {
                c = b[p];
                if (c == '=' || c == ' ' || c == '>' || c == '/' || c == '\n' || c == '\r' || c == '\t') {
                    break;
                }
                if (c == ':') {
                    al = p + 1;
                } else if (c == '<') {
                    throw malformedAt(p, "'<' inside a tag");
                } else if (c == '"' || c == '\'') {
                    throw malformedAt(p, "a quote in an attribute's name in <" + localName() + ">");
                }
                p++;
            }
            int anEnd = p;
            while (p < lim && space(b[p])) {
                p++;
            }
            if (p >= lim) {
                return -1;
            }
            if (anEnd == an || b[p] != '=') {
                throw malformedAt(p, "an attribute without a value in <" + localName() + ">");
            }
            p++;
            while (p < lim && space(b[p])) {
                p++;
            }
            if (p >= lim) {
                return -1;
            }
            byte q = b[p];
            if (q != '"' && q != '\'') {
                throw malformedAt(p, "an attribute value without quotes in <" + localName() + ">");
            }
            int vs = p + 1;
            int ve = ByteSearch.indexOf(b, vs, lim, q);
            if (ve >= lim) {
                return -1;
            }
            if (attrCount * 4 + 4 > attrs.length) {
                attrs = Arrays.copyOf(attrs, attrs.length * 2);
            }
            int a = 4 * attrCount++;
            attrs[a] = al;
            attrs[a + 1] = anEnd;
            attrs[a + 2] = vs;
            attrs[a + 3] = ve;
            p = ve + 1;
            if (p >= lim) {
                return -1;
            }
            c = b[p];
            if (!space(c) && c != '/' && c != '>') {
                throw malformedAt(p, "no space between the attributes of <" + localName() + ">");
            }
        }
    }

    private void endTag() throws IOException, Malformed {
        int end;
        while ((end = ByteSearch.indexOf(buf, pos + 2, lim, (byte) '>')) >= lim) {
            if (lim - pos >= MAX_TAG) {
                throw malformed("a tag of more than " + MAX_TAG + " bytes");
            }
            if (!fill(lim - pos + 1)) {
                throw malformed("the document ends inside a tag");
            }
        }
        int p = pos + 2;
        nameStart = p;
        localStart = p;
        while (p < end && !space(buf[p])) {
            if (buf[p] == ':') {
                localStart = p + 1;
            }
            p++;
        }
        nameEnd = p;
        while (p < end && space(buf[p])) {
            p++;
        }
        if (p != end || nameEnd == nameStart) {
            throw malformedAt(pos, "a broken end tag");
        }
        if (depth == 0) {
            throw malformedAt(pos, "the end tag </" + localName() + "> closes nothing");
        }
        int s = openStarts[depth - 1];
        int len = nameEnd - nameStart;
        if (openStarts[depth] - s != len || !sameName(s, len)) {
            throw malformedAt(pos, "the end tag </" + new String(buf, nameStart, len, StandardCharsets.UTF_8)
                    + "> does not close <" + openName(depth - 1) + ">");
        }
        depth--;
        pos = end + 1;
    }

    private boolean sameName(int openStart, int len) {
        for (int i = 0; i < len; i++) {
            if (open[openStart + i] != buf[nameStart + i]) {
                return false;
            }
        }
        return true;
    }

    private void push() {
        int len = nameEnd - nameStart;
        if (depth + 2 > openStarts.length) {
            openStarts = Arrays.copyOf(openStarts, openStarts.length * 2);
        }
        int s = openStarts[depth];
        if (s + len > open.length) {
            open = Arrays.copyOf(open, Math.max(open.length * 2, s + len));
        }
        System.arraycopy(buf, nameStart, open, s, len);
        depth++;
        openStarts[depth] = s + len;
    }

    private String openName(int level) {
        int s = openStarts[level];
        return new String(open, s, openStarts[level + 1] - s, StandardCharsets.UTF_8);
    }

    // --- text

    private void readText() throws IOException, Malformed {
        textLen = 0;
        highBytes = false;
        while (true) {
            if (pos >= lim && !fill(1)) {
                break;
            }
            int stop = ByteSearch.indexOfEither(buf, pos, lim, (byte) '<', (byte) '&');
            append(buf, pos, stop);
            pos = stop;
            if (stop < lim) {
                if (buf[stop] == '<') {
                    break;
                }
                reference();
            }
        }
        if (highBytes) {
            repairUtf8();
        }
    }

    private void cdata() throws IOException, Malformed {
        textLen = 0;
        highBytes = false;
        pos += 9;
        while (true) {
            if (!fill(3)) {
                throw malformed("the document ends inside CDATA");
            }
            int i = ByteSearch.indexOf(buf, pos, lim, (byte) ']');
            if (i + 2 >= lim) {
                append(buf, pos, i); // no ']]>' here, or too near the end to tell: read on from the ']'
                pos = i;
                continue;
            }
            if (buf[i + 1] == ']' && buf[i + 2] == '>') {
                append(buf, pos, i);
                pos = i + 3;
                break;
            }
            append(buf, pos, i + 1);
            pos = i + 1;
        }
        if (highBytes) {
            repairUtf8();
        }
    }

    private void append(byte[] b, int from, int to) {
        int n = Math.min(to - from, maxText - textLen);
        if (n <= 0) {
            return;
        }
        if (textLen + n > text.length) {
            text = Arrays.copyOf(text, Math.max(text.length * 2, textLen + n));
        }
        System.arraycopy(b, from, text, textLen, n);
        for (int i = from, e = from + n; i < e && !highBytes; i++) {
            highBytes = b[i] < 0;
        }
        textLen += n;
    }

    /** {@code &amp;} and the other four, {@code &#233;}, {@code &#xE9;}; any other entity is left out. */
    private void reference() throws IOException, Malformed {
        fill(Math.min(40, MAX_TAG));
        int semi = -1;
        for (int i = pos + 1, e = Math.min(lim, pos + 40); i < e; i++) {
            byte b = buf[i];
            if (b == ';') {
                semi = i;
                break;
            }
            if (space(b) || b == '<' || b == '&') {
                break;
            }
        }
        if (semi < 0) {
            throw malformedAt(pos, "a '&' that starts no reference (write &amp;)");
        }
        int s = pos + 1;
        int len = semi - s;
        if (len > 1 && buf[s] == '#') {
            int cp = codePoint(s + 1, semi);
            if (cp < 0) {
                throw malformedAt(pos, "a character reference that is no character");
            }
            byte[] u = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
            append(u, 0, u.length);
        } else if (named(s, semi, "lt")) {
            appendByte('<');
        } else if (named(s, semi, "gt")) {
            appendByte('>');
        } else if (named(s, semi, "amp")) {
            appendByte('&');
        } else if (named(s, semi, "quot")) {
            appendByte('"');
        } else if (named(s, semi, "apos")) {
            appendByte('\'');
        } else if (len == 0) {
            throw malformedAt(pos, "an empty reference '&;'");
        }
        pos = semi + 1;
    }

    private void appendByte(char c) {
        byte[] one = {(byte) c};
        append(one, 0, 1);
    }

    private boolean named(int from, int to, String name) {
        if (to - from != name.length()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (buf[from + i] != name.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private int codePoint(int from, int to) {
        int radix = 10;
        if (from < to && (buf[from] == 'x')) {
            radix = 16;
            from++;
        }
        if (from >= to || to - from > 8) {
            return -1;
        }
        int v = 0;
        for (int i = from; i < to; i++) {
            int d = Character.digit(buf[i], radix);
            if (d < 0) {
                return -1;
            }
            v = v * radix + d;
        }
        return v > 0 && v <= Character.MAX_CODE_POINT && (v < 0xD800 || v > 0xDFFF) ? v : -1;
    }

    /** Replaces what is not UTF-8 in the text by U+FFFD (a part that lied about its encoding, or was cut). */
    private void repairUtf8() {
        int i = 0;
        while (i < textLen) {
            int b = text[i] & 0xFF;
            int n = b < 0x80 ? 1 : b >= 0xC2 && b <= 0xDF ? 2 : b >= 0xE0 && b <= 0xEF ? 3 : b >= 0xF0 && b <= 0xF4
                    ? 4 : 0;
            boolean ok = n > 0 && i + n <= textLen;
            for (int k = 1; ok && k < n; k++) {
                ok = (text[i + k] & 0xC0) == 0x80;
            }
            if (ok && n == 3) {
                int b1 = text[i + 1] & 0xFF;
                ok = !(b == 0xE0 && b1 < 0xA0) && !(b == 0xED && b1 >= 0xA0);
            } else if (ok && n == 4) {
                int b1 = text[i + 1] & 0xFF;
                ok = !(b == 0xF0 && b1 < 0x90) && !(b == 0xF4 && b1 >= 0x90);
            }
            if (ok) {
                i += n;
                continue;
            }
            // one bad byte becomes EF BF BD
            byte[] fixed = new byte[textLen + 2];
            System.arraycopy(text, 0, fixed, 0, i);
            fixed[i] = (byte) 0xEF;
            fixed[i + 1] = (byte) 0xBF;
            fixed[i + 2] = (byte) 0xBD;
            System.arraycopy(text, i + 1, fixed, i + 3, textLen - i - 1);
            text = fixed;
            textLen += 2;
            i += 3;
        }
    }

    // --- what is skipped

    private void skipPast(int opener, String end, String what) throws IOException, Malformed {
        byte first = (byte) end.charAt(0);
        pos += opener;
        while (true) {
            if (!fill(end.length())) {
                throw malformed("the document ends inside " + what);
            }
            int i = ByteSearch.indexOf(buf, pos, lim, first);
            if (i + end.length() <= lim) {
                if (startsWithAt(i, end)) {
                    pos = i + end.length();
                    return;
                }
                pos = i + 1;
            } else {
                pos = i; // too near the end of the buffer to tell: read on from it
                if (!fill(lim - pos + 1)) {
                    throw malformed("the document ends inside " + what);
                }
            }
        }
    }

    /** {@code <!DOCTYPE name [ internal subset ]>}: skipped whole, quoted strings and comments inside included. */
    private void doctype() throws IOException, Malformed {
        if (depth > 0) {
            throw malformed("a document type inside an element");
        }
        pos += 9;
        int brackets = 0;
        byte quote = 0;
        while (true) {
            if (pos >= lim && !fill(1)) {
                throw malformed("the document ends inside its document type");
            }
            byte b = buf[pos];
            if (quote != 0) {
                if (b == quote) {
                    quote = 0;
                }
            } else if (b == '"' || b == '\'') {
                quote = b;
            } else if (b == '[') {
                brackets++;
            } else if (b == ']') {
                brackets--;
            } else if (b == '<' && fill(4) && startsWith("<!--")) {
                skipPast(4, "-->", "a comment");
                continue;
            } else if (b == '>' && brackets <= 0) {
                pos++;
                return;
            }
            pos++;
        }
    }

    private boolean startsWith(String s) {
        return pos + s.length() <= lim && startsWithAt(pos, s);
    }

    private boolean startsWithAt(int at, String s) {
        for (int i = 0; i < s.length(); i++) {
            if (buf[at + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    // --- the buffer

    /**
     * Has at least {@code n} bytes from {@code pos} in the buffer if the document has them; false if it ends before.
     * Bytes before {@code pos} may be dropped: positions into the buffer are only valid until the next call.
     */
    private boolean fill(int n) throws IOException {
        if (lim - pos >= n) {
            return true;
        }
        if (eof) {
            return false;
        }
        if (pos > 0) {
            int lines = ByteSearch.count(buf, 0, pos, (byte) '\n');
            if (lines > 0) {
                linesBefore += lines;
                int last = pos - 1;
                while (buf[last] != '\n') {
                    last--;
                }
                lineStart = last + 1;
            }
            lineStart -= pos;
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            lim -= pos;
            pos = 0;
        }
        if (n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(n, buf.length * 2));
        } else if (lim == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        while (lim - pos < n) {
            int r = in.read(buf, lim, buf.length - lim);
            if (r < 0) {
                eof = true;
                return false;
            }
            lim += r;
        }
        return true;
    }

    // --- encodings

    /** Skips a UTF-8 byte-order mark; transcodes a part declared or marked in another encoding. */
    private void encoding() throws IOException, Malformed {
        fill(256);
        Charset other = null;
        if (lim >= 3 && (buf[0] & 0xFF) == 0xEF && (buf[1] & 0xFF) == 0xBB && (buf[2] & 0xFF) == 0xBF) {
            pos = 3;
            return;
        }
        if (lim >= 2 && ((buf[0] & 0xFF) == 0xFE && (buf[1] & 0xFF) == 0xFF || buf[0] == 0 && buf[1] == '<')) {
            other = StandardCharsets.UTF_16BE;
        } else if (lim >= 2 && ((buf[0] & 0xFF) == 0xFF && (buf[1] & 0xFF) == 0xFE || buf[0] == '<' && buf[1] == 0)) {
            other = StandardCharsets.UTF_16LE;
        } else if (startsWith("<?xml")) {
            String decl = new String(buf, 0, Math.min(lim, 256), StandardCharsets.ISO_8859_1);
            int close = decl.indexOf("?>");
            int e = decl.indexOf("encoding");
            if (e > 0 && (close < 0 || e < close)) {
                String name = declared(decl.substring(e + 8));
                if (name == null) {
                    throw malformedAt(e, "an encoding declaration without a name");
                }
                String lower = name.toLowerCase(Locale.ROOT);
                if (!lower.equals("utf-8") && !lower.equals("utf8") && !lower.equals("us-ascii")
                        && !lower.equals("ascii")) {
                    try {
                        other = Charset.forName(name);
                    } catch (IllegalCharsetNameException | UnsupportedCharsetException ex) {
                        throw malformedAt(e, "the encoding '" + name + "' is not known");
                    }
                }
            }
        }
        if (other == null) {
            return;
        }
        InputStream rest = new SequenceInputStream(new ByteArrayInputStream(Arrays.copyOf(buf, lim)), in);
        Reader chars = new InputStreamReader(rest, other.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE));
        in = new Utf8Of(chars);
        pos = 0;
        lim = 0;
        eof = false;
        fill(1);
        if (lim > 0 && buf[0] == (byte) 0xEF && lim >= 3 && (buf[1] & 0xFF) == 0xBB && (buf[2] & 0xFF) == 0xBF) {
            pos = 3; // the byte-order mark, transcoded
        }
    }

    private static String declared(String after) {
        int i = 0;
        while (i < after.length() && (after.charAt(i) == ' ' || after.charAt(i) == '=')) {
            i++;
        }
        if (i >= after.length() || after.charAt(i) != '"' && after.charAt(i) != '\'') {
            return null;
        }
        int end = after.indexOf(after.charAt(i), i + 1);
        return end < 0 || end == i + 1 ? null : after.substring(i + 1, end);
    }

    /** Characters of a reader as UTF-8 bytes. */
    private static final class Utf8Of extends BlockInputStream {
        private final Reader chars;
        private final CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        private final CharBuffer cb = CharBuffer.allocate(8192);
        private final ByteBuffer bytes = ByteBuffer.allocate(8192 * 3 + 16);
        private boolean ended;

        Utf8Of(Reader chars) {
            this.chars = chars;
            cb.flip();
            bytes.flip();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (!bytes.hasRemaining()) {
                if (ended) {
                    return -1;
                }
                cb.compact(); // a high surrogate left at the end of the last block stays for its low one
                int n = chars.read(cb);
                cb.flip();
                bytes.clear();
                CoderResult r = encoder.encode(cb, bytes, n < 0);
                if (n < 0) {
                    ended = true;
                    encoder.flush(bytes);
                }
                if (r.isError()) {
                    throw new IOException("the part's text cannot be written as UTF-8");
                }
                bytes.flip();
            }
            int n = Math.min(len, bytes.remaining());
            bytes.get(b, off, n);
            return n;
        }
    }

    // --- helpers

    private static boolean space(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }

    private static boolean nameStart(byte b) {
        return b < 0 || b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z' || b == '_' || b == ':';
    }

    private Malformed malformed(String what) {
        return malformedAt(Math.min(pos, lim), what);
    }

    private Malformed malformedAt(int at, String what) {
        long line = linesBefore;
        int start = lineStart;
        for (int i = Math.max(0, start); i < at && i < lim; i++) {
            if (buf[i] == '\n') {
                line++;
                start = i + 1;
            }
        }
        return new Malformed(what, line + 1, at - start + 1L);
    }
}
