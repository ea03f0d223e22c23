package org.mburoja.leak.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.Locale;

/**
 * A mailbox (mbox, one message after another behind "From " lines) or one message (.eml) as the text its readers
 * see: the headers with their encoded words decoded ({@code =?UTF-8?B?...?=}, so names in From and To are text), and
 * the text parts decoded from base64 or quoted-printable and from their charset into UTF-8 (HTML with its tags taken
 * out), so that names, numbers and phones split by a soft line break or hidden in base64 are found. Stolen mailboxes
 * are a form of leak of their own (the attack on the Albanian government in 2022 took mail for months). Attachments
 * are handed to {@link Attachments} as they come, decoded, to be scanned as files of their own (a spreadsheet, a zip,
 * a CSV export); pictures, sound and video are skipped. Lines are bounded; a broken structure (a boundary never
 * closed) ends at the next message of an mbox.
 */
public final class MailText extends BlockInputStream {

    /** Receives each attachment (its name in the mailbox, its decoded bytes) while the mailbox is read. */
    public interface Attachments {
        void attachment(String name, InputStream data) throws IOException;
    }

    private static final int MAX_LINE = 1 << 20;

    /**
     * The headers written out as text: those that name people or say what a message is about. Message-ID, References,
     * signatures and the relays' own headers are left out: they look like e-mail addresses or base64 and name no one.
     */
    private static final java.util.Set<String> PEOPLE_HEADERS = java.util.Set.of("from", "to", "cc", "bcc",
            "reply-to", "sender", "subject", "date", "return-path", "delivered-to", "x-original-to", "organization",
            "disposition-notification-to", "comments", "keywords");

    private final Lines lines;
    private final Attachments attachments;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
    private byte[] block = new byte[0];
    private int pos;
    private boolean ended;

    private final Deque<String> boundaries = new ArrayDeque<>();
    private int messages;
    private int attachmentCount;
    private boolean pendingLine; // the current line is to be taken again (it ended a part)
    private Boolean mbox; // whether the file is an mbox (its first line a "From " line): only then do they separate

    public MailText(InputStream in, Attachments attachments) {
        this.lines = new Lines(in);
        this.attachments = attachments;
    }

    /** Whether a file is mail: by its name, or by a head that starts with an mbox "From " line or a header block. */
    public static boolean isMail(String name, byte[] head, int n) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".eml") || lower.endsWith(".mbox") || lower.endsWith(".mbx")) {
            return true;
        }
        String s = new String(head, 0, Math.min(n, 8192), StandardCharsets.ISO_8859_1);
        int start = s.startsWith("From ") ? s.indexOf('\n') + 1 : 0;
        if (start < 0) {
            return false;
        }
        int known = 0;
        int i = start;
        while (i < s.length()) {
            int nl = s.indexOf('\n', i);
            String line = (nl < 0 ? s.substring(i) : s.substring(i, nl)).stripTrailing();
            if (line.isEmpty()) {
                break;
            }
            if (line.charAt(0) != ' ' && line.charAt(0) != '\t') {
                int colon = line.indexOf(':');
                if (colon <= 0 || !line.substring(0, colon).matches("[!-9;-~]+")) {
                    return false;
                }
                String h = line.substring(0, colon).toLowerCase(Locale.ROOT);
                if (h.equals("from") || h.equals("to") || h.equals("subject") || h.equals("date")
                        || h.equals("message-id") || h.equals("received") || h.equals("mime-version")
                        || h.equals("return-path") || h.equals("delivered-to")) {
                    known++;
                }
            }
            if (nl < 0) {
                break;
            }
            i = nl + 1;
        }
        return known >= 3;
    }

    /** Messages met so far. */
    public int messages() {
        return messages;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (pos >= block.length) {
            if (ended) {
                return -1;
            }
            out.reset();
            ended = !message();
            block = out.toByteArray();
            pos = 0;
        }
        int n = Math.min(len, block.length - pos);
        System.arraycopy(block, pos, b, off, n);
        pos += n;
        return n;
    }

    // --- messages and parts

    /** The next message into {@code out}; false when the mailbox has no more. */
    private boolean message() throws IOException {
        String first;
        do {
            first = next();
            if (first == null) {
                return false;
            }
        } while (first.isBlank());
        if (mbox == null) {
            mbox = first.startsWith("From ");
        }
        if (!first.startsWith("From ") || !mbox) {
            pendingLine = true; // a message without the mbox line: its first header
        }
        messages++;
        boundaries.clear();
        part(0, true);
        out.write('\n');
        return true;
    }

    /** One part (or the message itself): its headers, then its body by its type. */
    private void part(int depth, boolean top) throws IOException {
        Headers h = headers(top);
        if (h == null) {
            return;
        }
        if (h.type.startsWith("multipart/") && h.boundary != null && depth < 20) {
            multipart(h.boundary, depth);
        } else if (h.type.equals("message/rfc822") && depth < 20) {
            part(depth + 1, true);
        } else if (h.type.startsWith("text/") && !h.attachment) {
            text(h);
        } else if (h.type.startsWith("image/") || h.type.startsWith("audio/") || h.type.startsWith("video/")) {
            skipBody();
        } else {
            attachment(h);
        }
    }

    private void multipart(String boundary, int depth) throws IOException {
        boundaries.push(boundary);
        try {
            String line;
            // the preamble, up to the first boundary: written out too (a message that says it has parts and has
            // none would else lose its text)
            while ((line = next()) != null && !isBoundary(line, boundary)) {
                if (endsPart(line)) {
                    pendingLine = true;
                    return;
                }
                if (out.size() < 64 << 20) {
                    out.write(line.getBytes(StandardCharsets.ISO_8859_1));
                    out.write('\n');
                }
            }
            while (line != null && isBoundary(line, boundary) && !line.startsWith("--" + boundary + "--")) {
                part(depth + 1, false);
                line = next();
            }
            if (line != null && !isBoundary(line, boundary)) {
                pendingLine = true; // an outer boundary or the next message: the epilogue is over
            }
            if (line != null && line.startsWith("--" + boundary + "--")) {
                // the epilogue, up to what ends this level
                while ((line = next()) != null) {
                    if (endsPart(line)) {
                        pendingLine = true;
                        return;
                    }
                }
            }
        } finally {
            boundaries.remove(boundary);
        }
    }

    private void text(Headers h) throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        body(h.encoding, raw, 64L << 20);
        String t = decode(raw.toByteArray(), h.charset);
        if (h.type.equals("text/html")) {
            t = Html.text(t);
        }
        out.write(t.getBytes(StandardCharsets.UTF_8));
        out.write('\n');
    }

    private void attachment(Headers h) throws IOException {
        attachmentCount++;
        String name = "message " + messages + "/" + (h.filename != null ? h.filename.replace('/', '_')
                : "attachment " + attachmentCount);
        InputStream data = new PartStream(h.encoding);
        attachments.attachment(name, data);
        data.transferTo(OutputStreamNull.INSTANCE); // what the reader left
    }

    private void skipBody() throws IOException {
        String line;
        while ((line = next()) != null) {
            if (endsPart(line)) {
                pendingLine = true;
                return;
            }
        }
    }

    /** A part's body, decoded, into {@code to} (at most {@code max} bytes kept). */
    private void body(String encoding, ByteArrayOutputStream to, long max) throws IOException {
        PartStream in = new PartStream(encoding);
        byte[] buf = new byte[8192];
        for (int n; (n = in.read(buf)) > 0; ) {
            if (to.size() < max) {
                to.write(buf, 0, (int) Math.min(n, max - to.size()));
            }
        }
    }

    /** Whether a line ends the current part: a boundary of an enclosing multipart, or the next mbox message. */
    private boolean endsPart(String line) {
        if (Boolean.TRUE.equals(mbox) && line.startsWith("From ") && lines.afterBlank) {
            return true;
        }
        if (!line.startsWith("--")) {
            return false;
        }
        for (String b : boundaries) {
            if (isBoundary(line, b)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isBoundary(String line, String boundary) {
        return line.startsWith("--") && line.startsWith(boundary, 2)
                && line.substring(2 + boundary.length()).replace("--", "").isBlank();
    }

    // --- headers

    private static final class Headers {
        String type = "text/plain";
        String charset;
        String boundary;
        String encoding = "7bit";
        String filename;
        boolean attachment;
    }

    /** A header block; the message's own headers (top) are written out as text, decoded. */
    private Headers headers(boolean top) throws IOException {
        Headers h = new Headers();
        StringBuilder field = null;
        String line;
        boolean any = false;
        while ((line = next()) != null) {
            if (line.isEmpty()) {
                break;
            }
            if (endsPart(line) && !(top && !any && line.startsWith("From "))) {
                pendingLine = true;
                break;
            }
            if (top && !any && line.startsWith("From ")) {
                continue; // the mbox separator
            }
            any = true;
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && field != null) {
                if (field.length() < 64 * 1024) {
                    field.append(' ').append(line.strip());
                }
                continue;
            }
            if (field != null) {
                header(h, field.toString(), top);
            }
            field = new StringBuilder(line);
        }
        if (field != null) {
            header(h, field.toString(), top);
        }
        return line == null && !any ? null : h;
    }

    private void header(Headers h, String field, boolean top) throws IOException {
        int colon = field.indexOf(':');
        if (colon <= 0) {
            return;
        }
        String name = field.substring(0, colon).strip().toLowerCase(Locale.ROOT);
        String value = field.substring(colon + 1).strip();
        switch (name) {
            case "content-type" -> {
                int semi = value.indexOf(';');
                h.type = (semi < 0 ? value : value.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
                h.charset = parameter(value, "charset");
                h.boundary = parameter(value, "boundary");
                if (h.filename == null) {
                    h.filename = EncodedWords.decode(parameter(value, "name"));
                }
            }
            case "content-transfer-encoding" -> h.encoding = value.toLowerCase(Locale.ROOT);
            case "content-disposition" -> {
                h.attachment = value.toLowerCase(Locale.ROOT).startsWith("attachment");
                String f = parameter(value, "filename");
                if (f != null) {
                    h.filename = EncodedWords.decode(f);
                }
            }
            default -> { }
        }
        if (top && PEOPLE_HEADERS.contains(name) || name.equals("content-disposition")) {
            out.write((field.substring(0, colon) + ": " + EncodedWords.decode(value) + "\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A parameter of a header's value ({@code charset="utf-8"}), or null. */
    static String parameter(String value, String name) {
        String lower = value.toLowerCase(Locale.ROOT);
        int i = 0;
        while ((i = lower.indexOf(name, i)) >= 0) {
            int before = i - 1;
            while (before >= 0 && lower.charAt(before) == ' ') {
                before--;
            }
            int eq = i + name.length();
            while (eq < lower.length() && lower.charAt(eq) == ' ') {
                eq++;
            }
            boolean star = eq < lower.length() && lower.charAt(eq) == '*'; // RFC 2231: filename*=utf-8''...
            if (star) {
                eq++;
            }
            if ((before < 0 || lower.charAt(before) == ';') && eq < lower.length() && lower.charAt(eq) == '=') {
                String v = value.substring(eq + 1).strip();
                String result;
                if (v.startsWith("\"")) {
                    int end = v.indexOf('"', 1);
                    result = end < 0 ? v.substring(1) : v.substring(1, end);
                } else {
                    int end = v.indexOf(';');
                    result = (end < 0 ? v : v.substring(0, end)).strip();
                }
                return star ? rfc2231(result) : result;
            }
            i += name.length();
        }
        return null;
    }

    private static String rfc2231(String v) {
        int q = v.indexOf('\'');
        int q2 = q < 0 ? -1 : v.indexOf('\'', q + 1);
        if (q2 < 0) {
            return v;
        }
        Charset cs = charset(v.substring(0, q));
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        String s = v.substring(q2 + 1);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && Character.digit(s.charAt(i + 1), 16) >= 0
                    && Character.digit(s.charAt(i + 2), 16) >= 0) {
                b.write(Integer.parseInt(s, i + 1, i + 3, 16));
                i += 2;
            } else {
                b.write(c);
            }
        }
        return new String(b.toByteArray(), cs);
    }

    // --- bodies

    /** A part's body as its decoded bytes, up to the line that ends the part. */
    private final class PartStream extends BlockInputStream {
        private final boolean base64;
        private final boolean quoted;
        private byte[] chunk = new byte[0];
        private int at;
        private boolean done;
        private final StringBuilder pending64 = new StringBuilder();

        PartStream(String encoding) {
            base64 = encoding.startsWith("base64");
            quoted = encoding.startsWith("quoted-printable");
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (at >= chunk.length) {
                if (done) {
                    return -1;
                }
                chunk = nextChunk();
                at = 0;
            }
            int n = Math.min(len, chunk.length - at);
            System.arraycopy(chunk, at, b, off, n);
            at += n;
            return n;
        }

        private byte[] nextChunk() throws IOException {
            String line = next();
            if (line == null || endsPart(line)) {
                if (line != null) {
                    pendingLine = true;
                }
                done = true;
                return base64 ? base64Tail() : new byte[0];
            }
            if (base64) {
                for (int i = 0; i < line.length(); i++) {
                    char c = line.charAt(i);
                    if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/'
                            || c == '=') {
                        pending64.append(c);
                    }
                }
                int whole = pending64.length() / 4 * 4;
                String take = pending64.substring(0, whole);
                pending64.delete(0, whole);
                return decode64(take);
            }
            byte[] raw = line.getBytes(StandardCharsets.ISO_8859_1);
            if (quoted) {
                return QuotedPrintable.line(raw);
            }
            byte[] withBreak = new byte[raw.length + 1];
            System.arraycopy(raw, 0, withBreak, 0, raw.length);
            withBreak[raw.length] = '\n';
            return withBreak;
        }

        private byte[] base64Tail() {
            String rest = pending64.toString();
            pending64.setLength(0);
            return rest.isEmpty() ? new byte[0] : decode64(rest + "====".substring(rest.length() % 4));
        }

        private byte[] decode64(String s) {
            // padding in the middle (joined parts) ends a group early: decode group by group past it
            try {
                return Base64.getDecoder().decode(s);
            } catch (IllegalArgumentException e) {
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                for (int i = 0; i + 4 <= s.length(); i += 4) {
                    try {
                        b.writeBytes(Base64.getDecoder().decode(s.substring(i, i + 4)));
                    } catch (IllegalArgumentException skip) {
                        // a broken group is left out
                    }
                }
                return b.toByteArray();
            }
        }
    }

    private static String decode(byte[] b, String charset) {
        Charset cs = charset(charset);
        CharsetDecoder d = cs.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        try {
            CharBuffer c = d.decode(ByteBuffer.wrap(b));
            return c.toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return new String(b, StandardCharsets.ISO_8859_1);
        }
    }

    static Charset charset(String name) {
        if (name == null || name.isBlank()) {
            return StandardCharsets.UTF_8; // undeclared: most mail since 2010; invalid bytes become U+FFFD
        }
        try {
            return Charset.forName(name.strip().replace("\"", ""));
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return StandardCharsets.UTF_8;
        }
    }

    // --- encodings of headers and bodies

    /** RFC 2047 encoded words ({@code =?utf-8?B?...?=}, {@code =?iso-8859-2?Q?...?=}) and raw 8-bit headers. */
    static final class EncodedWords {
        private static final java.util.regex.Pattern WORD = java.util.regex.Pattern.compile(
                "=\\?([^?\\s]+)\\?([bBqQ])\\?([^?\\s]*)\\?=");

        static String decode(String latin1) {
            if (latin1 == null) {
                return null;
            }
            String v = raw8bit(latin1);
            if (!v.contains("=?")) {
                return v;
            }
            java.util.regex.Matcher m = WORD.matcher(v);
            StringBuilder b = new StringBuilder();
            int last = 0;
            while (m.find()) {
                String between = v.substring(last, m.start());
                if (!(last > 0 && between.isBlank())) { // white space between two encoded words is dropped
                    b.append(between);
                }
                Charset cs = charset(m.group(1).replaceAll("\\*.*", ""));
                byte[] bytes = m.group(2).equalsIgnoreCase("b") ? base64(m.group(3)) : q(m.group(3));
                b.append(new String(bytes, cs));
                last = m.end();
            }
            return b.append(v.substring(last)).toString();
        }

        /** Header bytes above 127 sent raw: UTF-8 if they are, else Windows-1252. */
        private static String raw8bit(String latin1) {
            boolean high = false;
            for (int i = 0; i < latin1.length() && !high; i++) {
                high = latin1.charAt(i) > 127;
            }
            if (!high) {
                return latin1;
            }
            byte[] b = latin1.getBytes(StandardCharsets.ISO_8859_1);
            try {
                return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(b)).toString();
            } catch (java.nio.charset.CharacterCodingException e) {
                return new String(b, Charset.forName("windows-1252"));
            }
        }

        private static byte[] base64(String s) {
            try {
                return Base64.getMimeDecoder().decode(s);
            } catch (IllegalArgumentException e) {
                return s.getBytes(StandardCharsets.ISO_8859_1);
            }
        }

        private static byte[] q(String s) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '_') {
                    b.write(' ');
                } else if (c == '=' && i + 2 < s.length() && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
                    b.write(hex(s.charAt(i + 1)) << 4 | hex(s.charAt(i + 2)));
                    i += 2;
                } else {
                    b.write(c);
                }
            }
            return b.toByteArray();
        }
    }

    /** Quoted-printable, a line at a time: {@code =C3=AB} is a byte, a '=' at the end joins the next line. */
    static final class QuotedPrintable {
        static byte[] line(byte[] raw) {
            int n = raw.length;
            while (n > 0 && (raw[n - 1] == ' ' || raw[n - 1] == '\t')) {
                n--; // trailing white space is not part of the text
            }
            ByteArrayOutputStream b = new ByteArrayOutputStream(n + 1);
            boolean soft = false;
            for (int i = 0; i < n; i++) {
                byte c = raw[i];
                if (c == '=') {
                    if (i == n - 1) {
                        soft = true;
                    } else if (i + 2 < n + 1 && i + 2 <= n - 1 && hex((char) raw[i + 1]) >= 0
                            && hex((char) raw[i + 2]) >= 0) {
                        b.write(hex((char) raw[i + 1]) << 4 | hex((char) raw[i + 2]));
                        i += 2;
                    } else {
                        b.write(c);
                    }
                } else {
                    b.write(c);
                }
            }
            if (!soft) {
                b.write('\n');
            }
            return b.toByteArray();
        }
    }

    private static int hex(char c) {
        return c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10 : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : -1;
    }

    /** The text of HTML mail: tags out (and style sheets), a line break for blocks, a comma between cells, entities. */
    static final class Html {
        private static final java.util.regex.Pattern BLOCK = java.util.regex.Pattern.compile(
                "(?i)<(br|/p|/div|/tr|/li|/h[1-6]|/table)\\b[^>]{0,4096}>");
        private static final java.util.regex.Pattern CELL = java.util.regex.Pattern.compile("(?i)</t[dh]\\s*>");
        private static final java.util.regex.Pattern TAG = java.util.regex.Pattern.compile("<[^>]{0,4096}>");
        private static final java.util.regex.Pattern ENTITY = java.util.regex.Pattern.compile(
                "&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});");
        private static final java.util.Map<String, String> NAMED = java.util.Map.ofEntries(
                java.util.Map.entry("nbsp", " "), java.util.Map.entry("amp", "&"), java.util.Map.entry("lt", "<"),
                java.util.Map.entry("gt", ">"), java.util.Map.entry("quot", "\""), java.util.Map.entry("apos", "'"),
                java.util.Map.entry("euml", "ë"), java.util.Map.entry("Euml", "Ë"), java.util.Map.entry("ccedil", "ç"),
                java.util.Map.entry("Ccedil", "Ç"));

        /** Style elements taken out in one pass (no regex: a mail may open many and close none). */
        private static String hiddenOut(String html) {
            String lower = html.toLowerCase(Locale.ROOT);
            StringBuilder b = new StringBuilder(html.length());
            int i = 0;
            while (i < html.length()) {
                int lt = lower.indexOf('<', i);
                if (lt < 0) {
                    break;
                }
                // (script text stays: what a mail hides there has leaked too)
                String name = lower.startsWith("<style", lt) ? "style" : null;
                if (name == null) {
                    b.append(html, i, lt + 1);
                    i = lt + 1;
                    continue;
                }
                b.append(html, i, lt).append(' ');
                int close = lower.indexOf("</" + name, lt + 1);
                if (close < 0) {
                    return b.toString();
                }
                int gt = lower.indexOf('>', close);
                i = gt < 0 ? html.length() : gt + 1;
            }
            return b.append(html, Math.min(i, html.length()), html.length()).toString();
        }

        static String text(String html) {
            String t = BLOCK.matcher(hiddenOut(html)).replaceAll("\n");
            t = CELL.matcher(t).replaceAll(", ");
            t = TAG.matcher(t).replaceAll("");
            java.util.regex.Matcher m = ENTITY.matcher(t);
            StringBuilder b = new StringBuilder(t.length());
            while (m.find()) {
                String e = m.group(1);
                String r;
                if (e.charAt(0) == '#') {
                    int cp = e.charAt(1) == 'x' || e.charAt(1) == 'X' ? Integer.parseInt(e.substring(2), 16)
                            : Integer.parseInt(e.substring(1));
                    r = Character.isValidCodePoint(cp) && (cp < 0xD800 || cp > 0xDFFF) ? Character.toString(cp) : " ";
                } else {
                    r = NAMED.getOrDefault(e, m.group());
                }
                m.appendReplacement(b, java.util.regex.Matcher.quoteReplacement(r));
            }
            m.appendTail(b);
            return b.toString();
        }
    }

    // --- lines

    /** The next line (without its break; Latin-1, one char a byte), or the one given back; null at the end. */
    private String next() throws IOException {
        if (pendingLine) {
            pendingLine = false;
            return lines.current;
        }
        return lines.next();
    }

    /** Lines of at most {@value #MAX_LINE} bytes; a longer one comes in pieces. */
    private static final class Lines {
        private final InputStream in;
        private final byte[] buf = new byte[1 << 16];
        private int pos;
        private int lim;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        String current;
        boolean afterBlank = true; // the line before the current one was blank (or there was none)
        private boolean previousBlank = true;

        Lines(InputStream in) {
            this.in = in;
        }

        String next() throws IOException {
            line.reset();
            boolean any = false;
            while (true) {
                if (pos >= lim) {
                    lim = in.read(buf, 0, buf.length);
                    pos = 0;
                    if (lim <= 0) {
                        lim = 0;
                        if (!any) {
                            current = null;
                            return null;
                        }
                        break;
                    }
                }
                any = true;
                int nl = ByteSearch.indexOf(buf, pos, lim, (byte) '\n');
                int take = Math.min(nl, pos + MAX_LINE - line.size());
                line.write(buf, pos, take - pos);
                if (take < nl || take == lim && line.size() >= MAX_LINE) {
                    pos = take;
                    break; // a piece of a long line
                }
                if (nl < lim) {
                    pos = nl + 1;
                    break;
                }
                pos = lim;
            }
            byte[] b = line.toByteArray();
            int n = b.length;
            if (n > 0 && b[n - 1] == '\r') {
                n--;
            }
            afterBlank = previousBlank;
            current = new String(b, 0, n, StandardCharsets.ISO_8859_1);
            previousBlank = current.isEmpty();
            return current;
        }
    }

    /** Discards bytes. */
    private static final class OutputStreamNull extends java.io.OutputStream {
        static final OutputStreamNull INSTANCE = new OutputStreamNull();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }
}
