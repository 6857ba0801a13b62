// intheflow COBOL runtime for generated Java 17: decimals on BigDecimal, COBOL stores (truncation,
// ROUNDED, size errors), DISPLAY formatting and picture editing byte-identical to GnuCOBOL.

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/** An intermediate result: a BigDecimal, or a size error (division by zero). */
final class Dec {
    final BigDecimal v;
    final boolean err;

    Dec(BigDecimal v, boolean err) {
        this.v = v;
        this.err = err;
    }

    static Dec of(long m, int scale) {
        return new Dec(BigDecimal.valueOf(m, scale), false);
    }

    static final Dec ERROR = new Dec(BigDecimal.ZERO, true);

    Dec add(Dec o) { return err || o.err ? ERROR : new Dec(v.add(o.v), false); }
    Dec sub(Dec o) { return err || o.err ? ERROR : new Dec(v.subtract(o.v), false); }
    Dec mul(Dec o) { return err || o.err ? ERROR : new Dec(v.multiply(o.v), false); }
    Dec neg() { return err ? ERROR : new Dec(v.negate(), false); }

    /** Like GnuCOBOL: the quotient keeps 38 more decimals than the dividend, truncated. */
    Dec div(Dec o) {
        if (err || o.err || o.v.signum() == 0) return ERROR;
        int scale = Math.max(v.scale() - o.v.scale(), 0) + 38;
        return new Dec(v.divide(o.v, scale, RoundingMode.DOWN), false);
    }

    Dec pow(Dec o) {
        if (err || o.err || o.v.stripTrailingZeros().scale() > 0) return ERROR;
        int n = o.v.intValueExact();
        Dec r = new Dec(v.pow(Math.abs(n)), false);
        return n < 0 ? Dec.of(1, 0).div(r) : r;
    }

    Dec trunc(int scale) {
        return err || v.scale() <= scale ? this : new Dec(v.setScale(scale, RoundingMode.DOWN), false);
    }

    BigInteger atScale(int scale, boolean rounded) {
        return v.setScale(scale, rounded ? RoundingMode.HALF_UP : RoundingMode.DOWN).unscaledValue();
    }

    int cmp(Dec o) { return Integer.signum(v.compareTo(o.v)); }
}

public final class Rt {
    private Rt() {}

    private static final BufferedOutputStream OUT =
            new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
    private static final BufferedReader IN =
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.ISO_8859_1));

    /** Store into a numeric item: high-order digits are lost; a division by zero keeps the old value. */
    public static long store(Dec v, int digits, int scale, boolean signed, boolean rounded, long old) {
        if (v.err) return old;
        BigInteger m = v.atScale(scale, rounded);
        BigInteger limit = BigInteger.TEN.pow(digits);
        if (m.abs().compareTo(limit) >= 0) {
            m = m.signum() < 0 ? m.negate().mod(limit).negate() : m.mod(limit);
        }
        if (!signed) m = m.abs();
        return m.longValue();
    }

    /** Would v fit the receiving item (ON SIZE ERROR test)? */
    public static boolean fits(Dec v, int digits, int scale, boolean rounded) {
        return !v.err && v.atScale(scale, rounded).abs().compareTo(BigInteger.TEN.pow(digits)) < 0;
    }

    private static String digitsOf(long m, int digits) {
        String d = BigInteger.valueOf(m).abs().mod(BigInteger.TEN.pow(digits)).toString();
        return "0".repeat(digits - d.length()) + d;
    }

    public static String numDisplay(long m, int digits, int scale, boolean signed) {
        String d = digitsOf(m, digits);
        StringBuilder out = new StringBuilder();
        if (signed) out.append(m < 0 ? '-' : '+');
        out.append(d, 0, digits - scale);
        if (scale > 0) out.append('.').append(d, digits - scale, digits);
        return out.toString();
    }

    public static String zoned(long m, int digits, boolean signed) {
        char[] d = digitsOf(m, digits).toCharArray();
        if (signed && m < 0) d[d.length - 1] = (char) ('p' + (d[d.length - 1] - '0'));
        return new String(d);
    }

    public static long unzone(String s) {
        long v = 0;
        boolean neg = false;
        for (char c : s.toCharArray()) {
            long d;
            if (c >= 'p' && c <= 'y') {
                neg = true;
                d = c - 'p';
            } else {
                d = (c & 0x0F) % 10;
            }
            v = v * 10 + d;
        }
        return neg ? -v : v;
    }

    public static String numToAlnum(long m, int digits) { return digitsOf(m, digits); }

    public static Dec alnumToDec(String s) {
        return Dec.of(unzone(s.length() > 18 ? s.substring(s.length() - 18) : s), 0);
    }

    public static String fit(String s, int size) {
        return s.length() >= size ? s.substring(0, size) : s + " ".repeat(size - s.length());
    }

    public static String fillAll(String pattern, int size) {
        StringBuilder b = new StringBuilder(size);
        while (b.length() < size) b.append(pattern);
        return b.substring(0, size);
    }

    public static long[] longs(int n, long v) {
        long[] a = new long[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

    public static String[] strings(int n, String v) {
        String[] a = new String[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

    public static <T> T[] array(T[] a, Supplier<T> make) {
        for (int i = 0; i < a.length; i++) a[i] = make.get();
        return a;
    }

    /** Picture editing (Z * $ , . + - CR DB B 0 /) per the COBOL standard. */
    public static String edit(Dec v, String mask, int digits, int scale) {
        BigInteger m = v.atScale(scale, false);
        boolean neg = m.signum() < 0;
        String ds = m.abs().mod(BigInteger.TEN.pow(digits)).toString();
        char[] digs = ("0".repeat(digits - ds.length()) + ds).toCharArray();
        char[] cs = mask.toCharArray();
        char floatCh = 0;
        for (char f : new char[] {'$', '+', '-'}) {
            int n = 0;
            for (char c : cs) if (c == f) n++;
            if (n > 1) { floatCh = f; break; }
        }
        boolean star = mask.indexOf('*') >= 0;
        char fill = star ? '*' : ' ';
        StringBuilder out = new StringBuilder();
        int next = 0;
        boolean significant = false, floatSeen = false;
        int floatPos = -1;
        for (int i = 0; i < cs.length; i++) {
            char c = cs[i];
            if (floatCh != 0 && c == floatCh && !significant) {
                if (!floatSeen) {
                    floatSeen = true;
                    out.append(' ');
                    floatPos = out.length() - 1;
                } else {
                    char d = digs[next++];
                    if (d != '0') {
                        significant = true;
                        out.append(d);
                    } else {
                        out.append(' ');
                        floatPos = out.length() - 1;
                    }
                }
            } else if (floatCh != 0 && c == floatCh) {
                out.append(digs[next++]);
            } else {
                switch (c) {
                    case '9' -> { out.append(digs[next++]); significant = true; }
                    case 'Z', '*' -> {
                        char d = digs[next++];
                        if (d != '0') significant = true;
                        out.append(significant ? d : fill);
                    }
                    case ',', 'B', '0', '/' -> {
                        if (significant) out.append(c == 'B' ? ' ' : c);
                        else {
                            out.append(floatSeen ? ' ' : fill);
                            if (floatSeen) floatPos = out.length() - 1;
                        }
                    }
                    case '.' -> {
                        boolean restNonzero = false;
                        for (int k = next; k < digs.length; k++) if (digs[k] != '0') restNonzero = true;
                        boolean has9 = mask.indexOf('9', i) >= 0;
                        if (significant || restNonzero || has9) { significant = true; out.append('.'); }
                        else out.append(fill);
                    }
                    case '+' -> out.append(neg ? '-' : '+');
                    case '-' -> out.append(neg ? '-' : ' ');
                    case 'C' -> { out.append(neg ? "CR" : "  "); i++; }
                    case 'D' -> { out.append(neg ? "DB" : "  "); i++; }
                    default -> out.append(c);
                }
            }
        }
        if (floatCh != 0 && floatPos >= 0 && significant) {
            out.setCharAt(floatPos, floatCh == '$' ? '$' : floatCh == '+' ? (neg ? '-' : '+') : (neg ? '-' : ' '));
        }
        if (m.signum() == 0 && mask.indexOf('9') < 0) {
            StringBuilder blank = new StringBuilder();
            for (char c : cs) blank.append(star && c == '.' ? '.' : fill);
            return blank.toString();
        }
        return out.toString();
    }

    public static int cmpStr(String a, String b) {
        int n = Math.max(a.length(), b.length());
        for (int k = 0; k < n; k++) {
            char p = k < a.length() ? a.charAt(k) : ' ';
            char q = k < b.length() ? b.charAt(k) : ' ';
            if (p != q) return p < q ? -1 : 1;
        }
        return 0;
    }

    public static boolean isNumeric(String s) {
        if (s.isEmpty()) return false;
        for (char c : s.toCharArray()) if (c < '0' || c > '9') return false;
        return true;
    }

    public static boolean isAlphabetic(String s) {
        for (char c : s.toCharArray()) if (!(Character.isLetter(c) && c < 128) && c != ' ') return false;
        return true;
    }

    public static long times(Dec v) { return Math.max(0, v.atScale(0, false).longValue()); }

    public static int index(Dec v) { return v.atScale(0, false).intValue() - 1; }

    public static void display(String line, boolean advancing) {
        try {
            OUT.write(line.getBytes(StandardCharsets.ISO_8859_1));
            if (advancing) OUT.write('\n');
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static String acceptLine() {
        try {
            String line = IN.readLine();
            return line == null ? "" : line;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** ACCEPT into a numeric item parses a number; anything else is zero, as GnuCOBOL does. */
    public static Dec parseNum(String s) {
        try {
            String t = s.trim();
            if (!t.matches("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)")) return Dec.of(0, 0);
            return new Dec(new BigDecimal(t), false);
        } catch (NumberFormatException e) {
            return Dec.of(0, 0);
        }
    }

    /** Write out what DISPLAY buffered (before an I/O error ends the run). */
    static void flush() {
        try {
            OUT.flush();
        } catch (IOException e) {
            // nothing more to report to
        }
    }

    public static void stopRun() {
        CobFile.closeAll();
        try {
            OUT.flush();
        } catch (IOException e) {
            // nothing more to report to
        }
        System.exit(0);
    }

    public static Dec decAbs(Dec v) { return v.err ? v : new Dec(v.v.abs(), false); }

    /** FUNCTION INTEGER: the greatest integer not above v. */
    public static Dec decFloor(Dec v) {
        return v.err ? v : new Dec(v.v.setScale(0, RoundingMode.FLOOR), false);
    }

    public static Dec decMax(Dec a, Dec b) {
        if (a.err || b.err) return Dec.ERROR;
        return b.cmp(a) > 0 ? b : a;
    }

    public static Dec decMin(Dec a, Dec b) {
        if (a.err || b.err) return Dec.ERROR;
        return b.cmp(a) < 0 ? b : a;
    }

    public static String upper(String s) { return s.toUpperCase(java.util.Locale.ROOT); }

    public static String lower(String s) { return s.toLowerCase(java.util.Locale.ROOT); }

    private static boolean matchesAt(String s, int at, String pat) {
        return !pat.isEmpty() && s.startsWith(pat, at);
    }

    /** INSPECT, as GnuCOBOL runs it: clause after clause over the item, each one skipping
     *  characters an earlier clause of the same statement already counted or replaced (they are
     *  marked). before/after narrow the region of the next clause only. */
    public static final class Inspection {
        private final char[] data;
        private final char[] mark;
        private final boolean[] marked;
        private int start;
        private int end;

        Inspection(String s) {
            data = s.toCharArray();
            mark = new char[data.length];
            marked = new boolean[data.length];
            end = data.length;
        }

        private int find(String x) {
            String s = new String(data, 0, end);
            for (int i = start; i + x.length() <= end; i++) if (matchesAt(s, i, x)) return i;
            return -1;
        }

        /** BEFORE INITIAL x: the region ends at the first x (if there is one). */
        public void before(String x) { int i = find(x); if (i >= 0) end = i; }

        /** AFTER INITIAL x: the region starts after the first x; without one it is empty. */
        public void after(String x) { int i = find(x); start = i >= 0 ? i + x.length() : end; }

        private boolean free(int at, int n) {
            for (int k = at; k < at + n; k++) if (marked[k]) return false;
            return true;
        }

        private void put(int k, String by, int j) {
            marked[k] = true;
            mark[k] = j < by.length() ? by.charAt(j) : data[k];
        }

        /** Marks the matches of one clause (with their replacement) and counts them. */
        private long scan(String mode, String what, String by) {
            long n = 0;
            String s = new String(data);
            if (mode.equals("CHARACTERS")) {
                for (int k = start; k < end; k++) if (!marked[k]) { put(k, by, 0); n++; }
            } else if (!what.isEmpty()) {
                int i = start;
                while (i + what.length() <= end) {
                    if (matchesAt(s, i, what) && free(i, what.length())) {
                        for (int k = 0; k < what.length(); k++) put(i + k, by, k);
                        n++;
                        i += what.length();
                        if (mode.equals("FIRST")) break;
                    } else if (mode.equals("LEADING")) break;
                    else i++;
                }
            }
            start = 0;
            end = data.length;
            return n;
        }

        /** TALLYING … FOR mode what: how many matches in the region. */
        public long tally(String mode, String what) { return scan(mode, what, ""); }

        /** REPLACING mode what BY by (same size), applied by result(). */
        public void replace(String mode, String what, String by) { scan(mode, what, by); }

        /** CONVERTING from TO to in the region (the first occurrence in from counts). */
        public void convert(String from, String to) {
            for (int k = start; k < end; k++) {
                int j = from.indexOf(data[k]);
                if (j >= 0 && !marked[k]) put(k, to, j);
            }
            start = 0;
            end = data.length;
        }

        /** The item after the replacements. */
        public String result() {
            char[] out = data.clone();
            for (int k = 0; k < out.length; k++) if (marked[k]) out[k] = mark[k];
            return new String(out);
        }
    }

    public static Inspection inspectStart(String s) { return new Inspection(s); }

    /** STRING … DELIMITED BY d: the characters before the first d (all of them if none). */
    public static String delimited(String s, String d) {
        int k = d.isEmpty() ? -1 : s.indexOf(d);
        return k >= 0 ? s.substring(0, k) : s;
    }

    /** STRING … INTO: overwrite the target from the left; positions not reached keep theirs. */
    public static String stringInto(String target, String text) {
        if (text.length() >= target.length()) return text.substring(0, target.length());
        return text + target.substring(text.length());
    }

    /** STRING … WITH POINTER: text written into target from pointer (1-based) on, as far as it
     *  fits; an out-of-range pointer leaves the target alone. */
    public static String stringAt(String target, String text, long pointer) {
        if (pointer < 1 || pointer > target.length()) return target;
        int at = (int) pointer - 1;
        int n = Math.min(text.length(), target.length() - at);
        return target.substring(0, at) + text.substring(0, n) + target.substring(at + n);
    }

    /** The pointer after STRING: one past the last character stored. */
    public static long stringEnd(String target, String text, long pointer) {
        if (pointer < 1 || pointer > target.length()) return pointer;
        return pointer + Math.min(text.length(), target.length() - pointer + 1);
    }

    /** STRING's overflow condition: a bad pointer, or characters left that did not fit. */
    public static boolean stringOverflow(String target, String text, long pointer) {
        return pointer < 1 || pointer > target.length() || text.length() > target.length() - pointer + 1;
    }

    /** UNSTRING: hands out the fields of a source one receiver at a time, from the pointer on. */
    public static final class Unstring {
        private final String src;
        private final boolean badPointer;
        private final long startPointer;
        private final java.util.List<String> delimiters = new java.util.ArrayList<>();
        private final java.util.List<Boolean> repeated = new java.util.ArrayList<>();
        private int pos;
        private String delimiter = "";
        private long count;
        private long fields;

        Unstring(String src, long pointer) {
            this.src = src;
            this.startPointer = pointer;
            this.badPointer = pointer < 1 || pointer > src.length();
            this.pos = badPointer ? 0 : (int) pointer - 1;
        }

        /** DELIMITED BY [ALL] d: tried in the order written at every position. */
        public void delimitedBy(String d, boolean all) { delimiters.add(d); repeated.add(all); }

        /** Is there still something to hand out (a receiver past the end stays unchanged)? */
        public boolean more() { return !badPointer && pos < src.length(); }

        /** The next field: up to the first delimiter (or the end), which is skipped (all repeats
         *  of an ALL delimiter too). */
        public String next() {
            int start = pos;
            for (int at = start; at < src.length(); at++) {
                for (int k = 0; k < delimiters.size(); k++) {
                    String d = delimiters.get(k);
                    if (!matchesAt(src, at, d)) continue;
                    take(start, at, d);
                    pos = at + d.length();
                    while (repeated.get(k) && matchesAt(src, pos, d)) pos += d.length();
                    return src.substring(start, at);
                }
            }
            take(start, src.length(), "");
            pos = src.length();
            return src.substring(start);
        }

        /** The next n characters (UNSTRING without DELIMITED BY). */
        public String nextSize(long n) {
            int start = pos;
            int end = (int) Math.min(start + Math.max(n, 0), src.length());
            take(start, end, "");
            pos = end;
            return src.substring(start, end);
        }

        private void take(int start, int end, String d) {
            delimiter = d;
            count = end - start;
            fields++;
        }

        /** DELIMITER IN: the delimiter that ended the last field (spaces at the end). */
        public String delimiter() { return delimiter; }
        /** COUNT IN: the characters of the last field. */
        public long count() { return count; }
        /** TALLYING IN: how many receivers got a field. */
        public long fields() { return fields; }
        /** WITH POINTER: the next position to examine (unchanged after a bad pointer). */
        public long pointer() { return badPointer ? startPointer : pos + 1; }
        /** ON OVERFLOW: a bad pointer, or characters left when the receivers ran out. */
        public boolean overflow() { return badPointer || pos < src.length(); }
    }

    public static Unstring unstringStart(String src, long pointer) { return new Unstring(src, pointer); }

    // ---- records held as bytes (REDEFINES, RENAMES) and reference modification --------------

    /** Bytes off..off+n of a record held as one string (one char per byte). */
    public static String getBytes(String s, int off, int n) { return s.substring(off, off + n); }

    /** The bytes with {@code piece} written from {@code off} (never past the end). */
    public static String putBytes(String s, int off, String piece) {
        int n = Math.min(piece.length(), s.length() - off);
        return s.substring(0, off) + piece.substring(0, n) + s.substring(off + n);
    }

    /** COMP/BINARY (big-endian) or COMP-5 (little-endian) two's complement bytes. */
    public static String toBinary(long v, int size, boolean bigEndian) {
        char[] out = new char[size];
        for (int k = 0; k < size; k++) {
            out[bigEndian ? size - 1 - k : k] = (char) ((v >>> (8 * k)) & 0xFF);
        }
        return new String(out);
    }

    public static long fromBinary(String s, boolean signed, boolean bigEndian) {
        int n = s.length();
        long v = 0;
        for (int k = 0; k < n; k++) {
            v = (v << 8) | (s.charAt(bigEndian ? k : n - 1 - k) & 0xFF);
        }
        if (signed && n < 8 && (v & (1L << (8 * n - 1))) != 0) {
            v -= 1L << (8 * n);
        }
        return v;
    }

    /** COMP-3: two digits a byte, the last nibble the sign (C +, D -, F unsigned). */
    public static String pack(long v, int size, boolean signed) {
        int width = size * 2 - 1;
        String text = String.format("%0" + width + "d", Math.abs(v));
        text = text.substring(text.length() - width);
        int sign = !signed ? 0xF : v < 0 ? 0xD : 0xC;
        char[] out = new char[size];
        for (int k = 0; k < size; k++) {
            int hi = text.charAt(2 * k) - '0';
            int lo = 2 * k + 1 < width ? text.charAt(2 * k + 1) - '0' : sign;
            out[k] = (char) ((hi << 4) | lo);
        }
        return new String(out);
    }

    public static long unpack(String s) {
        long v = 0;
        boolean neg = false;
        for (int k = 0; k < s.length(); k++) {
            int x = s.charAt(k) & 0xFF;
            v = v * 10 + (x >> 4);
            if (k + 1 < s.length()) {
                v = v * 10 + (x & 0x0F);
            } else {
                neg = (x & 0x0F) == 0x0D;
            }
        }
        return neg ? -v : v;
    }
}
