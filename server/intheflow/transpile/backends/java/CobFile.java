// intheflow COBOL runtime: sequential and line-sequential files and SORT/MERGE work files, byte
// for byte as GnuCOBOL 3.1.2 writes and reads them. Records are Latin-1 strings.
//
// Every operation sets the FILE STATUS (status()); an error status on a file without a FILE
// STATUS item ends the run with exit code 1, as libcob does (an unhandled end of file included).
// Files still open at STOP RUN are closed (closeAll), which writes a pending line end.

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A SELECTed file: sequential (fixed records) or line sequential. */
final class CobFile {
    private static final List<CobFile> ALL = new ArrayList<>();

    private final String name;
    private String assign;
    private final boolean lineSeq;
    final int size;
    private final boolean optional;
    private final boolean hasStatus;
    private String mode = "";
    private BufferedInputStream in;
    private BufferedOutputStream out; // flushed by CLOSE, STOP RUN and a run-ending error
    private RandomAccessFile io;
    private boolean atEof;
    private boolean needsNl;
    private boolean canRewrite;
    private String status = "00";
    private String record;

    CobFile(String name, String assign, boolean lineSeq, int size, boolean optional, boolean hasStatus) {
        this.name = name;
        this.assign = assign;
        this.lineSeq = lineSeq;
        this.size = size;
        this.optional = optional;
        this.hasStatus = hasStatus;
        this.record = " ".repeat(size);
        ALL.add(this);
    }

    /** The file name libcob uses for ASSIGN name: $DD_name, $dd_name, $name, else name itself. */
    static String resolveAssign(String name) {
        if (name.contains("/") || name.contains("=")) return name;
        for (String key : new String[] {"DD_" + name, "dd_" + name, name}) {
            String value = System.getenv(key);
            if (value != null && !value.isEmpty()) return value;
        }
        return name;
    }

    private static String openError(IOException e, File f) {
        if (!f.exists()) return "35";
        return f.canRead() ? "30" : "37";
    }

    private String doOpen(String how) {
        if (!mode.isEmpty()) return "41";
        if (assign.isEmpty()) return "31"; // ASSIGN TO an item holding spaces
        File f = new File(resolveAssign(assign));
        boolean exists = f.exists();
        String result = "00";
        if (!exists && !how.equals("OUTPUT")) {
            if (!optional) return "35";
            result = "05";
        }
        try {
            switch (how) {
                case "INPUT":
                    if (exists) in = new BufferedInputStream(new FileInputStream(f), 1 << 16);
                    break;
                case "OUTPUT":
                    out = new BufferedOutputStream(new FileOutputStream(f), 1 << 16);
                    break;
                case "EXTEND":
                    out = new BufferedOutputStream(new FileOutputStream(f, true), 1 << 16);
                    break;
                default:
                    io = new RandomAccessFile(f, "rw");
            }
        } catch (IOException e) {
            return openError(e, f);
        }
        mode = how;
        atEof = false;
        needsNl = false;
        canRewrite = false;
        return result;
    }

    private String doClose() {
        if (mode.isEmpty()) return "42";
        try {
            if (needsNl && out != null) out.write('\n');
            if (in != null) in.close();
            if (out != null) out.close();
            if (io != null) io.close();
        } catch (IOException e) {
            return "30";
        }
        in = null;
        out = null;
        io = null;
        mode = "";
        needsNl = false;
        return "00";
    }

    private int readByte() throws IOException {
        return io != null ? io.read() : in.read();
    }

    private String doRead(String current) {
        if (!mode.equals("INPUT") && !mode.equals("I-O")) return "47";
        if (atEof) return "46";
        canRewrite = false;
        if (in == null && io == null) {
            atEof = true; // OPTIONAL file that does not exist: empty
            return "10";
        }
        try {
            if (lineSeq) {
                // Up to the line end; CRs dropped, the rest of a long line skipped, short lines padded.
                ByteArrayOutputStream buf = new ByteArrayOutputStream();
                int c = readByte();
                if (c < 0) {
                    atEof = true;
                    return "10";
                }
                while (c >= 0 && c != '\n') {
                    if (c != '\r' && buf.size() < size) buf.write(c);
                    c = readByte();
                }
                String text = buf.toString(StandardCharsets.ISO_8859_1);
                record = text + " ".repeat(size - text.length());
                return "00";
            }
            byte[] buf = new byte[size];
            int got = 0;
            while (got < size) {
                int n = io != null ? io.read(buf, got, size - got) : in.read(buf, got, size - got);
                if (n < 0) break;
                got += n;
            }
            if (got == 0) {
                atEof = true;
                return "10";
            }
            // A short last record overlays the start of the record area (status 04).
            String head = new String(buf, 0, got, StandardCharsets.ISO_8859_1);
            String rest = (current + " ".repeat(size)).substring(got, size);
            record = head + rest;
            canRewrite = true;
            return got < size ? "04" : "00";
        } catch (IOException e) {
            return "30";
        }
    }

    private void advance(int lines) throws IOException {
        if (lines < 0) out.write('\f');
        else if (lines == 0) out.write('\r');
        else for (int k = 0; k < lines; k++) out.write('\n');
    }

    private String doWrite(String rec, String advancing, long lines) {
        if (!mode.equals("OUTPUT") && !mode.equals("EXTEND")) return "48";
        try {
            byte[] bytes = rec.getBytes(StandardCharsets.ISO_8859_1);
            if (!lineSeq) {
                out.write(bytes);
                return "00";
            }
            int n = bytes.length;
            while (n > 0 && bytes[n - 1] == ' ') n--;
            if (advancing.equals("AFTER")) {
                advance((int) lines);
                needsNl = true;
            }
            out.write(bytes, 0, n);
            if (advancing.equals("BEFORE")) {
                advance((int) lines);
                needsNl = false;
            } else if (advancing.isEmpty()) {
                out.write('\n');
                needsNl = false;
            }
            return "00";
        } catch (IOException e) {
            return "30";
        }
    }

    private String doRewrite(String rec) {
        if (!mode.equals("I-O")) return "49";
        if (!canRewrite) return "43";
        canRewrite = false;
        try {
            byte[] bytes = rec.getBytes(StandardCharsets.ISO_8859_1);
            io.seek(io.getFilePointer() - bytes.length);
            io.write(bytes);
            return "00";
        } catch (IOException e) {
            return "30";
        }
    }

    /** Record the status; without a FILE STATUS item an error ends the run as libcob does. */
    private void finish(String result, boolean atEndHandled) {
        status = result;
        boolean fine = result.startsWith("0") || hasStatus || (result.equals("10") && atEndHandled);
        if (!fine) {
            Rt.flush();
            System.err.println("libcob: error: " + describe(result) + " (status = " + result
                    + ") for file " + name);
            closeAll();
            System.exit(1);
        }
    }

    private static String describe(String status) {
        switch (status) {
            case "10": return "end of file";
            case "31": return "file name is empty";
            case "35": return "file does not exist";
            case "37": return "permission denied";
            case "41": return "file already open";
            case "42": return "file not open";
            case "43": return "REWRITE without a preceding READ";
            case "46": return "READ after the end of file";
            case "47": return "READ not allowed, file not open for input";
            case "48": return "WRITE not allowed, file not open for output";
            case "49": return "REWRITE not allowed, file not open for I-O";
            default: return "I/O error";
        }
    }

    void open(String how) { finish(doOpen(how), false); }

    void close() { finish(doClose(), false); }

    /** OPEN of a file that is not the last of its statement: libcob checks only the last one. */
    void openOnly(String how) { status = doOpen(how); }

    /** CLOSE of a file that is not the last of its statement (see openOnly). */
    void closeOnly() { status = doClose(); }

    /** READ: true when a record was read (then lastRecord() holds it, padded to the record size).
     *  current is the record area, kept past a short last record of a sequential file. */
    boolean read(boolean atEndHandled, String current) {
        String result = doRead(current);
        finish(result, atEndHandled);
        return result.startsWith("0");
    }

    void write(String rec, String advancing, long lines) { finish(doWrite(rec, advancing, lines), false); }

    void rewrite(String rec) { finish(doRewrite(rec), false); }

    String lastRecord() { return record; }

    /** ASSIGN TO a data item: its value (trailing spaces dropped) names the file at OPEN. */
    void setName(String name) { assign = name.replaceAll(" +$", ""); }

    String status() { return status; }

    boolean atEnd() { return status.equals("10"); }

    /** Close every file still open (STOP RUN, or an I/O error ending the run). */
    static void closeAll() {
        for (CobFile f : ALL) {
            if (!f.mode.isEmpty()) f.doClose();
        }
    }
}

/** A SORT/MERGE work file (SD): records in memory, ordered by the statement's keys with a stable
 *  sort, or merged run by run; RETURN hands them out in order.
 *  A key is {offset, size, numeric ? 1 : 0, ascending ? 1 : 0}. */
final class SortFile {
    private final int size;
    private final List<String> records = new ArrayList<>();
    private final List<Integer> runs = new ArrayList<>();
    private int next;
    private String record;

    SortFile(int size) {
        this.size = size;
        this.record = " ".repeat(size);
    }

    void start() {
        records.clear();
        runs.clear();
        next = 0;
    }

    /** RELEASE: one record, cut or padded to the work file's record size. */
    void release(String rec) { records.add(Rt.fit(rec, size)); }

    /** USING: every record of the file, which is opened and closed here. */
    void take(CobFile file) {
        runs.add(records.size());
        file.open("INPUT");
        while (file.read(true, "")) release(file.lastRecord());
        file.close();
    }

    /** GIVING: the records in order into the file, opened and closed here. */
    void give(CobFile file) {
        file.open("OUTPUT");
        for (String rec : records) file.write(Rt.fit(rec, file.size), "", 0);
        file.close();
    }

    /** One record's keys, extracted once: numbers by value (Long), anything else as text. */
    private static Comparable<?>[] keyValues(int[][] keys, String rec) {
        Comparable<?>[] values = new Comparable<?>[keys.length];
        for (int i = 0; i < keys.length; i++) {
            String field = rec.substring(keys[i][0], keys[i][0] + keys[i][1]);
            values[i] = keys[i][2] == 1 ? (Comparable<?>) Rt.unzone(field) : field;
        }
        return values;
    }

    @SuppressWarnings("unchecked")
    private static int compareKeys(int[][] keys, Comparable<?>[] a, Comparable<?>[] b) {
        for (int i = 0; i < keys.length; i++) {
            int order = ((Comparable<Object>) a[i]).compareTo(b[i]);
            if (keys[i][3] == 0) order = -order;
            if (order != 0) return order;
        }
        return 0;
    }

    /** SORT: stable, so records with equal keys keep their release order (as cobc). */
    void sort(int[][] keys) {
        List<Comparable<?>[]> values = new ArrayList<>(records.size());
        List<Integer> order = new ArrayList<>(records.size());
        for (int k = 0; k < records.size(); k++) {
            values.add(keyValues(keys, records.get(k)));
            order.add(k);
        }
        order.sort((x, y) -> compareKeys(keys, values.get(x), values.get(y)));
        List<String> sorted = new ArrayList<>(records.size());
        for (int k : order) sorted.add(records.get(k));
        records.clear();
        records.addAll(sorted);
        next = 0;
    }

    /** MERGE: repeatedly the smallest head of the runs; equal keys go to the earlier file. */
    void merge(int[][] keys) {
        List<Comparable<?>[]> values = new ArrayList<>(records.size());
        for (String rec : records) values.add(keyValues(keys, rec));
        int[] bounds = new int[runs.size() + 1];
        for (int k = 0; k < runs.size(); k++) bounds[k] = runs.get(k);
        bounds[runs.size()] = records.size();
        int[] heads = Arrays.copyOf(bounds, runs.size());
        List<String> merged = new ArrayList<>(records.size());
        while (true) {
            int best = -1;
            for (int run = 0; run < heads.length; run++) {
                if (heads[run] >= bounds[run + 1]) continue;
                if (best < 0 || compareKeys(keys, values.get(heads[run]), values.get(heads[best])) < 0) best = run;
            }
            if (best < 0) break;
            merged.add(records.get(heads[best]++));
        }
        records.clear();
        records.addAll(merged);
        next = 0;
    }

    /** RETURN: the next record in order, false at the end. */
    boolean nextRecord() {
        if (next >= records.size()) return false;
        record = records.get(next++);
        return true;
    }

    String lastRecord() { return record; }
}
