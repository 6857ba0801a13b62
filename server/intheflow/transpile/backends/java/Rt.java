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

    static Dec of(BigInteger m, int scale) {
        return new Dec(new BigDecimal(m, scale), false);
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
        return storeWide(v, digits, scale, signed, rounded, BigInteger.valueOf(old)).longValue();
    }

    /** store for items of 19 to 31 digits, held in a BigInteger. */
    public static BigInteger storeWide(Dec v, int digits, int scale, boolean signed, boolean rounded, BigInteger old) {
        if (v.err) return old;
        BigInteger m = v.atScale(scale, rounded);
        BigInteger limit = BigInteger.TEN.pow(digits);
        if (m.abs().compareTo(limit) >= 0) {
            m = m.signum() < 0 ? m.negate().mod(limit).negate() : m.mod(limit);
        }
        return signed ? m : m.abs();
    }

    /** A wide item's initial value. */
    public static BigInteger wide(String digits) { return new BigInteger(digits); }

    /** Would v fit the receiving item (ON SIZE ERROR test)? */
    public static boolean fits(Dec v, int digits, int scale, boolean rounded) {
        return !v.err && v.atScale(scale, rounded).abs().compareTo(BigInteger.TEN.pow(digits)) < 0;
    }

    private static String digitsOf(BigInteger m, int digits) {
        String d = m.abs().mod(BigInteger.TEN.pow(digits)).toString();
        return "0".repeat(digits - d.length()) + d;
    }

    public static String numDisplay(long m, int digits, int scale, boolean signed) {
        return numDisplayWide(BigInteger.valueOf(m), digits, scale, signed);
    }

    public static String numDisplayWide(BigInteger m, int digits, int scale, boolean signed) {
        String d = digitsOf(m, digits);
        StringBuilder out = new StringBuilder();
        if (signed) out.append(m.signum() < 0 ? '-' : '+');
        out.append(d, 0, digits - scale);
        if (scale > 0) out.append('.').append(d, digits - scale, digits);
        return out.toString();
    }

    public static String zoned(long m, int digits, boolean signed) {
        return zonedWide(BigInteger.valueOf(m), digits, signed);
    }

    public static String zonedWide(BigInteger m, int digits, boolean signed) {
        char[] d = digitsOf(m, digits).toCharArray();
        if (signed && m.signum() < 0) d[d.length - 1] = (char) ('p' + (d[d.length - 1] - '0'));
        return new String(d);
    }

    public static long unzone(String s) { return unzoneWide(s).longValue(); }

    public static BigInteger unzoneWide(String s) {
        StringBuilder digits = new StringBuilder("0");
        boolean neg = false;
        for (char c : s.toCharArray()) {
            if (c >= 'p' && c <= 'y') {
                neg = true;
                digits.append((char) ('0' + (c - 'p')));
            } else {
                digits.append((char) ('0' + (c & 0x0F) % 10));
            }
        }
        BigInteger v = new BigInteger(digits.toString());
        return neg ? v.negate() : v;
    }

    public static String numToAlnum(long m, int digits) { return digitsOf(BigInteger.valueOf(m), digits); }

    public static String numToAlnumWide(BigInteger m, int digits) { return digitsOf(m, digits); }

    public static Dec alnumToDec(String s) {
        return Dec.of(unzoneWide(s.length() > 31 ? s.substring(s.length() - 31) : s), 0);
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

    /** The occurrences an OCCURS DEPENDING ON item counts (never below zero). */
    public static int occurrences(Dec v) { return Math.max(0, v.atScale(0, false).intValue()); }

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
        stopRunCode(0);
    }

    /** STOP RUN in a program that uses RETURN-CODE: it becomes the exit status, as in GnuCOBOL. */
    public static void stopRunCode(long code) {
        CobFile.closeAll();
        try {
            OUT.flush();
        } catch (IOException e) {
            // nothing more to report to
        }
        System.exit((int) code);
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

    // ---- intrinsic functions -------------------------------------------------------------------

    public static long textLength(String s) { return s.length(); }

    public static String reverse(String s) { return new StringBuilder(s).reverse().toString(); }

    /** FUNCTION TRIM [LEADING | TRAILING]: spaces removed at both ends or one. */
    public static String trim(String s, String mode) {
        int a = 0, b = s.length();
        if (!mode.equals("TRAILING")) while (a < b && s.charAt(a) == ' ') a++;
        if (!mode.equals("LEADING")) while (b > a && s.charAt(b - 1) == ' ') b--;
        return s.substring(a, b);
    }

    /** FUNCTION CHAR(n): the character at ordinal n (1-based, so CHAR(66) is "A"). */
    public static String charOf(Dec v) {
        long n = v.atScale(0, false).longValue();
        return n >= 1 && n <= 256 ? String.valueOf((char) (n - 1)) : " ";
    }

    /** FUNCTION ORD(x): the ordinal (1-based) of the first character. */
    public static Dec ord(String s) { return Dec.of(s.isEmpty() ? 1 : s.charAt(0) + 1, 0); }

    /** FUNCTION NUMVAL / NUMVAL-C: spaces, one sign (+ - leading or trailing, CR DB trailing),
     *  digits with one decimal point; NUMVAL-C also skips $ and commas. Anything else is 0. */
    public static Dec numval(String s, boolean currency) {
        String t = trim(s, "");
        boolean neg = false;
        int signs = 0;
        for (String suffix : new String[] {"CR", "DB", "-", "+"}) {
            if (t.endsWith(suffix)) {
                neg = !suffix.equals("+");
                signs++;
                t = trim(t.substring(0, t.length() - suffix.length()), "TRAILING");
                break;
            }
        }
        if (!t.isEmpty() && (t.charAt(0) == '-' || t.charAt(0) == '+')) {
            neg = t.charAt(0) == '-';
            signs++;
            t = trim(t.substring(1), "LEADING");
        }
        if (currency) {
            while (t.startsWith("$")) t = t.substring(1);
            t = t.replace(",", "");
        }
        int point = t.indexOf('.');
        String in = point >= 0 ? t.substring(0, point) : t;
        String frac = point >= 0 ? t.substring(point + 1) : "";
        if (signs > 1 || (in.isEmpty() && frac.isEmpty()) || !in.chars().allMatch(Character::isDigit)
                || !frac.chars().allMatch(Character::isDigit)) {
            return Dec.of(0, 0);
        }
        BigDecimal v = new BigDecimal(new BigInteger(in + frac), frac.length());
        return new Dec(neg ? v.negate() : v, false);
    }

    /** FUNCTION MEDIAN: the middle value, or the mean of the two middle ones. */
    public static Dec decMedian(Dec... values) {
        Dec[] v = values.clone();
        java.util.Arrays.sort(v, (a, b) -> a.cmp(b));
        int k = v.length / 2;
        return v.length % 2 == 1 ? v[k] : v[k - 1].add(v[k]).div(Dec.of(2, 0));
    }

    /** Day 1 of the COBOL integer dates is 1601-01-01. */
    private static final java.time.LocalDate COBOL_EPOCH = java.time.LocalDate.of(1600, 12, 31);

    private static long intArg(Dec v) { return v.atScale(0, false).longValue(); }

    private static Dec days(java.time.LocalDate date) {
        return Dec.of(java.time.temporal.ChronoUnit.DAYS.between(COBOL_EPOCH, date), 0);
    }

    /** FUNCTION INTEGER-OF-DATE(yyyymmdd); 0 for an invalid date. */
    public static Dec integerOfDate(Dec v) {
        long n = intArg(v);
        long y = n / 10000, m = n / 100 % 100, d = n % 100;
        if (y < 1601 || y > 9999 || m < 1 || m > 12 || d < 1) return Dec.of(0, 0);
        java.time.YearMonth ym = java.time.YearMonth.of((int) y, (int) m);
        return d > ym.lengthOfMonth() ? Dec.of(0, 0) : days(ym.atDay((int) d));
    }

    /** FUNCTION INTEGER-OF-DAY(yyyyddd); 0 for an invalid day. */
    public static Dec integerOfDay(Dec v) {
        long n = intArg(v);
        long y = n / 1000, d = n % 1000;
        if (y < 1601 || y > 9999 || d < 1 || d > java.time.Year.of((int) y).length()) return Dec.of(0, 0);
        return days(java.time.LocalDate.ofYearDay((int) y, (int) d));
    }

    private static java.time.LocalDate dateOf(Dec v) {
        long n = intArg(v);
        return n < 1 || n > 3067671 ? null : COBOL_EPOCH.plusDays(n);
    }

    /** FUNCTION DATE-OF-INTEGER(n): yyyymmdd; 0 out of range. */
    public static Dec dateOfInteger(Dec v) {
        java.time.LocalDate d = dateOf(v);
        return Dec.of(d == null ? 0 : d.getYear() * 10000L + d.getMonthValue() * 100L + d.getDayOfMonth(), 0);
    }

    /** FUNCTION DAY-OF-INTEGER(n): yyyyddd; 0 out of range. */
    public static Dec dayOfInteger(Dec v) {
        java.time.LocalDate d = dateOf(v);
        return Dec.of(d == null ? 0 : d.getYear() * 1000L + d.getDayOfYear(), 0);
    }

    // ---- the clock -----------------------------------------------------------------------------

    /** Now, in local time; like GnuCOBOL, COB_CURRENT_DATE ("YYYY/MM/DD HH:MM:SS.hh[+hhmm]")
     *  pins it. */
    private static java.time.OffsetDateTime now() {
        String pinned = System.getenv("COB_CURRENT_DATE");
        if (pinned == null) return java.time.OffsetDateTime.now();
        String body = pinned.trim();
        int offset = 0;
        int n = body.length();
        if (n > 5 && (body.charAt(n - 5) == '+' || body.charAt(n - 5) == '-')
                && body.substring(n - 4).chars().allMatch(Character::isDigit)) {
            int hhmm = Integer.parseInt(body.substring(n - 4));
            offset = (hhmm / 100 * 60 + hhmm % 100) * (body.charAt(n - 5) == '-' ? -1 : 1);
            body = body.substring(0, n - 5);
        }
        String digits = (body.replaceAll("[^0-9]", "") + "0000000000000000").substring(0, 16);
        int[] f = new int[7];
        int[] widths = {4, 2, 2, 2, 2, 2, 2};
        for (int k = 0, at = 0; k < 7; at += widths[k], k++) f[k] = Integer.parseInt(digits.substring(at, at + widths[k]));
        return java.time.OffsetDateTime.of(f[0], f[1], f[2], f[3], f[4], f[5], f[6] * 10_000_000,
                java.time.ZoneOffset.ofTotalSeconds(offset * 60));
    }

    /** ACCEPT … FROM DATE [YYYYMMDD] / DAY [YYYYDDD] / DAY-OF-WEEK / TIME, as the digits COBOL moves. */
    public static String clock(String what) {
        java.time.OffsetDateTime t = now();
        int y = t.getYear();
        switch (what) {
            case "DATE": return String.format("%02d%02d%02d", y % 100, t.getMonthValue(), t.getDayOfMonth());
            case "DATE-YYYYMMDD": return String.format("%04d%02d%02d", y, t.getMonthValue(), t.getDayOfMonth());
            case "DAY": return String.format("%02d%03d", y % 100, t.getDayOfYear());
            case "DAY-YYYYDDD": return String.format("%04d%03d", y, t.getDayOfYear());
            case "DAY-OF-WEEK": return String.valueOf(t.getDayOfWeek().getValue());
            default: return String.format("%02d%02d%02d%02d", t.getHour(), t.getMinute(), t.getSecond(), t.getNano() / 10_000_000);
        }
    }

    /** FUNCTION CURRENT-DATE: YYYYMMDDHHMMSShh and the UTC offset as +hhmm. */
    public static String currentDate() {
        java.time.OffsetDateTime t = now();
        int off = t.getOffset().getTotalSeconds() / 60;
        return String.format("%04d%02d%02d%02d%02d%02d%02d%c%02d%02d", t.getYear(), t.getMonthValue(),
                t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond(), t.getNano() / 10_000_000,
                off < 0 ? '-' : '+', Math.abs(off) / 60, Math.abs(off) % 60);
    }

    // ---- SIGN LEADING / SEPARATE and JUSTIFIED RIGHT ----------------------------------------

    /** Zoned bytes of a SIGN LEADING and/or SEPARATE item: '+'/'-' apart, or the first digit
     *  overpunched ('p'..'y' when negative), as GnuCOBOL stores them. */
    public static String zonedSign(long m, int digits, boolean leading, boolean separate) {
        String d = digitsOf(BigInteger.valueOf(m), digits);
        char sign = m < 0 ? '-' : '+';
        if (separate) return leading ? sign + d : d + sign;
        if (!leading) return zoned(m, digits, true);
        if (m >= 0) return d;
        return (char) ('p' + (d.charAt(0) - '0')) + d.substring(1);
    }

    public static long unzoneSign(String s, boolean leading, boolean separate) {
        if (!separate || s.isEmpty()) return unzone(s);
        char sign = leading ? s.charAt(0) : s.charAt(s.length() - 1);
        long v = unzone(leading ? s.substring(1) : s.substring(0, s.length() - 1));
        return sign == '-' ? -v : v;
    }

    /** DISPLAY of a SIGN TRAILING SEPARATE item: the digits, then the sign. */
    public static String numDisplayTrailing(long m, int digits, int scale) {
        return numDisplay(m, digits, scale, false) + (m < 0 ? '-' : '+');
    }

    /** A move into a JUSTIFIED RIGHT item: cut on the left, spaces on the left. */
    public static String fitRight(String s, int size) {
        if (s.length() >= size) return s.substring(s.length() - size);
        return " ".repeat(size - s.length()) + s;
    }

    /** DISPLAY of a zoned number from its bytes, as GnuCOBOL shows it: the sign (when signed)
     *  from the overpunched last byte, the digit bytes as they are (spaces moved over it stay
     *  spaces), the decimal point. */
    public static String displayZoned(String s, int scale, boolean signed) {
        StringBuilder out = new StringBuilder();
        if (signed && !s.isEmpty()) {
            char last = s.charAt(s.length() - 1);
            boolean neg = last >= 'p' && last <= 'y';
            if (neg) s = s.substring(0, s.length() - 1) + (char) (last - 'p' + '0');
            out.append(neg ? '-' : '+');
        }
        int whole = s.length() - scale;
        out.append(s, 0, whole);
        if (scale > 0) out.append('.').append(s, whole, s.length());
        return out.toString();
    }
}
