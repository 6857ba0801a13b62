//! intheflow COBOL runtime for generated Rust (standard library only).
//!
//! Numbers are scaled integers: a field `PIC S9(5)V99` holds 12.50 as 1250 in an i64.
//! `Dec` carries intermediate results (i128 mantissa + scale) with COBOL's rules: stores truncate
//! high-order digits and round half away from zero when ROUNDED; division by zero is a size error.
#![allow(dead_code)]

use std::io::{self, BufRead, Write};

mod files;
#[allow(unused_imports)]
pub use files::{close_all, CobFile, SortFile};

#[derive(Clone, Copy, Debug)]
pub struct Dec {
    pub m: i128,
    pub s: u32,
    pub err: bool,
}

fn p10(n: u32) -> i128 {
    10i128.pow(n)
}

impl Dec {
    pub fn new(m: i128, s: u32) -> Dec {
        Dec { m, s, err: false }
    }
    pub fn of(v: i64, s: u32) -> Dec {
        Dec::new(v as i128, s)
    }
    fn error() -> Dec {
        Dec { m: 0, s: 0, err: true }
    }
    fn upscale(self, s: u32) -> Option<i128> {
        self.m.checked_mul(p10(s - self.s))
    }
    fn drop_digit(self) -> Dec {
        Dec::new(self.m / 10, self.s - 1)
    }
    fn aligned(self, o: Dec) -> (i128, i128, u32) {
        let (mut a, mut b) = (self, o);
        loop {
            let s = a.s.max(b.s);
            if let (Some(x), Some(y)) = (a.upscale(s), b.upscale(s)) {
                return (x, y, s);
            }
            // Out of i128 range: give up the least significant decimal of the finer operand.
            if a.s >= b.s { a = a.drop_digit() } else { b = b.drop_digit() }
        }
    }
    pub fn add(self, o: Dec) -> Dec {
        if self.err || o.err { return Dec::error(); }
        let (x, y, s) = self.aligned(o);
        Dec::new(x + y, s)
    }
    pub fn sub(self, o: Dec) -> Dec {
        self.add(o.neg())
    }
    pub fn neg(self) -> Dec {
        Dec { m: -self.m, ..self }
    }
    pub fn mul(self, o: Dec) -> Dec {
        if self.err || o.err { return Dec::error(); }
        let (mut a, mut b) = (self, o);
        loop {
            if let Some(m) = a.m.checked_mul(b.m) {
                return Dec::new(m, a.s + b.s);
            }
            if a.s == 0 && b.s == 0 { return Dec::error(); }
            if a.s >= b.s { a = a.drop_digit() } else { b = b.drop_digit() }
        }
    }
    pub fn div(self, o: Dec) -> Dec {
        if self.err || o.err || o.m == 0 { return Dec::error(); }
        // Like GnuCOBOL, shift the dividend left as far as precision allows, then truncate.
        let mut m = self.m;
        let mut s = self.s as i64 - o.s as i64;
        while s < 0 { m *= 10; s += 1; }
        while s < 36 && m.abs() < i128::MAX / 100 { m *= 10; s += 1; }
        Dec::new(m / o.m, s as u32)
    }
    pub fn pow(self, o: Dec) -> Dec {
        if self.err || o.err || o.m % p10(o.s) != 0 { return Dec::error(); }
        let n = o.m / p10(o.s);
        let mut r = Dec::new(1, 0);
        for _ in 0..n.abs() { r = r.mul(self); }
        if n < 0 { Dec::new(1, 0).div(r) } else { r }
    }
    pub fn trunc(self, scale: u32) -> Dec {
        if self.err || self.s <= scale { return self; }
        Dec::new(self.m / p10(self.s - scale), scale)
    }
    /// Mantissa at `scale`, truncated or rounded half away from zero.
    pub fn at_scale(self, scale: u32, rounded: bool) -> i128 {
        if self.s <= scale {
            return self.m.saturating_mul(p10(scale - self.s));
        }
        let div = p10(self.s - scale);
        let q = self.m / div;
        if rounded && (self.m % div).abs() * 2 >= div { q + self.m.signum() } else { q }
    }
    pub fn cmp(self, o: Dec) -> i32 {
        let (x, y, _) = self.aligned(o);
        (x > y) as i32 - (x < y) as i32
    }
}

/// Store into a numeric field: high-order digits beyond the picture are lost (callers with ON SIZE
/// ERROR test `fits` first); a division by zero leaves the old value.
pub fn store(v: Dec, digits: u32, scale: u32, signed: bool, rounded: bool, old: i64) -> i64 {
    store_wide(v, digits, scale, signed, rounded, old as i128) as i64
}

/// `store` for items of 19 to 31 digits, held in an i128.
pub fn store_wide(v: Dec, digits: u32, scale: u32, signed: bool, rounded: bool, old: i128) -> i128 {
    if v.err { return old; }
    let mut m = v.at_scale(scale, rounded);
    let limit = p10(digits);
    if m.abs() >= limit { m %= limit; }
    if !signed { m = m.abs(); }
    m
}

fn digits_of(m: i128, digits: u32) -> String {
    format!("{:0width$}", m.abs() % p10(digits), width = digits as usize)
}

/// DISPLAY of a numeric field, as GnuCOBOL prints it: sign first when signed, point when scaled.
pub fn num_display(m: i64, digits: u32, scale: u32, signed: bool) -> String {
    num_display_wide(m as i128, digits, scale, signed)
}

pub fn num_display_wide(m: i128, digits: u32, scale: u32, signed: bool) -> String {
    let d = digits_of(m, digits);
    let (int, frac) = d.split_at((digits - scale) as usize);
    let mut out = String::new();
    if signed { out.push(if m < 0 { '-' } else { '+' }); }
    out.push_str(int);
    if scale > 0 { out.push('.'); out.push_str(frac); }
    out
}

/// The bytes of a zoned-decimal field inside a record (sign overpunched on the last digit).
pub fn zoned(m: i64, digits: u32, signed: bool) -> String {
    zoned_wide(m as i128, digits, signed)
}

pub fn zoned_wide(m: i128, digits: u32, signed: bool) -> String {
    let mut d: Vec<u8> = digits_of(m, digits).into_bytes();
    if signed && m < 0 {
        let last = d.len() - 1;
        d[last] = b'p' + (d[last] - b'0');
    }
    String::from_utf8(d).unwrap()
}

pub fn unzone(s: impl AsRef<str>) -> i64 {
    unzone_wide(s) as i64
}

pub fn unzone_wide(s: impl AsRef<str>) -> i128 {
    let s = s.as_ref();
    let mut v: i128 = 0;
    let mut neg = false;
    for c in s.chars() {
        let d = if ('p'..='y').contains(&c) { neg = true; c as i128 - 'p' as i128 } else { (c as i128 & 0x0F) % 10 };
        v = v.wrapping_mul(10).wrapping_add(d);
    }
    if neg { -v } else { v }
}

pub fn num_to_alnum(m: i64, digits: u32) -> String {
    digits_of(m as i128, digits)
}

pub fn num_to_alnum_wide(m: i128, digits: u32) -> String {
    digits_of(m, digits)
}

/// An alphanumeric value moved to a numeric field is an unsigned integer.
pub fn alnum_to_dec(s: impl AsRef<str>) -> Dec {
    let s = s.as_ref();
    let tail: String = s.chars().rev().take(30).collect::<Vec<_>>().into_iter().rev().collect();
    Dec::new(unzone_wide(&tail), 0)
}

pub fn fit(s: impl AsRef<str>, size: usize) -> String {
    let mut out: String = s.as_ref().chars().take(size).collect();
    let n = out.chars().count();
    out.extend(std::iter::repeat(' ').take(size - n));
    out
}

pub fn fill(c: char, size: usize) -> String {
    std::iter::repeat(c).take(size).collect()
}

pub fn fill_all(pattern: &str, size: usize) -> String {
    pattern.chars().cycle().take(size).collect()
}

/// Picture editing (Z * $ , . + - CR DB B 0 /) of `v` into `mask`, per the COBOL standard.
pub fn edit(v: Dec, mask: &str, digits: u32, scale: u32) -> String {
    let m = v.at_scale(scale, false);
    let neg = m < 0;
    let digs: Vec<char> = format!("{:0w$}", m.abs() % p10(digits), w = digits as usize).chars().collect();
    let cs: Vec<char> = mask.chars().collect();
    let float_ch = ['$', '+', '-'].into_iter().find(|f| cs.iter().filter(|c| *c == f).count() > 1);
    let star = cs.contains(&'*');
    let fill_ch = if star { '*' } else { ' ' };
    let mut out: Vec<char> = Vec::with_capacity(cs.len());
    let mut next = 0usize;
    let mut significant = false;
    let mut float_seen = false;
    let mut float_pos: Option<usize> = None;
    let mut i = 0;
    while i < cs.len() {
        let c = cs[i];
        if Some(c) == float_ch && !significant {
            if !float_seen {
                float_seen = true;
                out.push(' ');
                float_pos = Some(out.len() - 1);
            } else {
                let d = digs[next];
                next += 1;
                if d != '0' {
                    significant = true;
                    out.push(d);
                } else {
                    out.push(' ');
                    float_pos = Some(out.len() - 1);
                }
            }
        } else if Some(c) == float_ch {
            out.push(digs[next]);
            next += 1;
        } else {
            match c {
                '9' => { out.push(digs[next]); next += 1; significant = true; }
                'Z' | '*' => {
                    let d = digs[next];
                    next += 1;
                    if d != '0' { significant = true; }
                    out.push(if significant { d } else { fill_ch });
                }
                ',' | 'B' | '0' | '/' => {
                    if significant { out.push(if c == 'B' { ' ' } else { c }); } else {
                        out.push(if float_seen { ' ' } else { fill_ch });
                        if float_seen { float_pos = Some(out.len() - 1); }
                    }
                }
                '.' => {
                    let rest_nonzero = digs[next..].iter().any(|d| *d != '0');
                    let has9 = cs[i..].contains(&'9');
                    if significant || rest_nonzero || has9 { significant = true; out.push('.'); } else {
                        out.push(fill_ch);
                    }
                }
                '+' => out.push(if neg { '-' } else { '+' }),
                '-' => out.push(if neg { '-' } else { ' ' }),
                'C' | 'D' => {
                    let pair = if c == 'C' { ['C', 'R'] } else { ['D', 'B'] };
                    if neg { out.extend(pair) } else { out.extend([' ', ' ']) }
                    i += 1;
                }
                other => out.push(other),
            }
        }
        i += 1;
    }
    if let (Some(f), Some(p)) = (float_ch, float_pos) {
        if significant {
            out[p] = match f { '$' => '$', '+' => if neg { '-' } else { '+' }, _ => if neg { '-' } else { ' ' } };
        }
    }
    if m == 0 && !cs.contains(&'9') {
        // All digit positions suppress: the whole item is blank (or stars, keeping the point).
        return cs.iter().filter(|c| **c != 'V').map(|c| if star && *c == '.' { '.' } else { fill_ch }).collect();
    }
    out.into_iter().collect()
}

pub fn cmp_str(a: impl AsRef<str>, b: impl AsRef<str>) -> i32 {
    let (x, y): (Vec<char>, Vec<char>) = (a.as_ref().chars().collect(), b.as_ref().chars().collect());
    let n = x.len().max(y.len());
    for k in 0..n {
        let (p, q) = (*x.get(k).unwrap_or(&' '), *y.get(k).unwrap_or(&' '));
        if p != q { return if p < q { -1 } else { 1 }; }
    }
    0
}

pub fn is_numeric(s: impl AsRef<str>) -> bool {
    let s = s.as_ref();
    !s.is_empty() && s.chars().all(|c| c.is_ascii_digit())
}

pub fn is_alphabetic(s: impl AsRef<str>) -> bool {
    let s = s.as_ref();
    s.chars().all(|c| c.is_ascii_alphabetic() || c == ' ')
}

pub fn times(v: Dec) -> i64 {
    v.at_scale(0, false).max(0) as i64
}

/// A COBOL subscript (1-based) as a Rust index.
pub fn index(v: Dec) -> usize {
    (v.at_scale(0, false) - 1) as usize
}

/// The occurrences an OCCURS DEPENDING ON item counts (never below zero).
pub fn occurrences(v: Dec) -> usize {
    v.at_scale(0, false).max(0) as usize
}

pub fn display(line: &str, advancing: bool) {
    let mut out = io::stdout().lock();
    let bytes: Vec<u8> = line.chars().map(|c| c as u32 as u8).collect();
    let _ = out.write_all(&bytes);
    if advancing { let _ = out.write_all(b"\n"); }
}

pub fn accept_line() -> String {
    let mut line = String::new();
    let _ = io::stdin().lock().read_line(&mut line);
    line.trim_end_matches(['\n', '\r']).to_string()
}

/// ACCEPT into a numeric field parses a number; anything else is zero (as GnuCOBOL does).
pub fn parse_num(s: impl AsRef<str>) -> Dec {
    let s = s.as_ref();
    let t = s.trim();
    let (neg, body) = match t.strip_prefix('-') { Some(r) => (true, r), None => (false, t.strip_prefix('+').unwrap_or(t)) };
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    if int.is_empty() && frac.is_empty() || !(int.chars().chain(frac.chars()).all(|c| c.is_ascii_digit())) {
        return Dec::new(0, 0);
    }
    let digits: String = format!("{int}{frac}").chars().take(36).collect();
    let m: i128 = digits.parse().unwrap_or(0);
    Dec::new(if neg { -m } else { m }, frac.len().min(36) as u32)
}

pub fn stop_run() -> ! {
    stop_run_code(0)
}

/// STOP RUN in a program that uses RETURN-CODE: it becomes the exit status, as in GnuCOBOL.
pub fn stop_run_code(code: i64) -> ! {
    close_all();
    let _ = io::stdout().flush();
    std::process::exit(code as i32)
}

/// Would `v` fit the receiving item (ON SIZE ERROR test)?
pub fn fits(v: Dec, digits: u32, scale: u32, rounded: bool) -> bool {
    !v.err && v.at_scale(scale, rounded).abs() < p10(digits)
}

pub fn dec_abs(v: Dec) -> Dec {
    if v.m < 0 { v.neg() } else { v }
}

/// FUNCTION INTEGER: the greatest integer not above v.
pub fn dec_floor(v: Dec) -> Dec {
    if v.err { return v; }
    let t = v.trunc(0);
    if v.m < 0 && t.cmp(v) != 0 { t.sub(Dec::new(1, 0)) } else { t }
}

pub fn dec_max(a: Dec, b: Dec) -> Dec {
    if a.err || b.err { return Dec::error(); }
    if b.cmp(a) > 0 { b } else { a }
}

pub fn dec_min(a: Dec, b: Dec) -> Dec {
    if a.err || b.err { return Dec::error(); }
    if b.cmp(a) < 0 { b } else { a }
}

pub fn upper(s: impl AsRef<str>) -> String {
    s.as_ref().to_ascii_uppercase()
}

pub fn lower(s: impl AsRef<str>) -> String {
    s.as_ref().to_ascii_lowercase()
}

fn matches_at(s: &[char], at: usize, pat: &[char]) -> bool {
    !pat.is_empty() && at + pat.len() <= s.len() && s[at..at + pat.len()] == *pat
}

/// INSPECT, as GnuCOBOL runs it: clause after clause over the item, each one skipping characters
/// an earlier clause of the same statement already counted or replaced (they are marked).
/// `before`/`after` narrow the region of the next clause only.
pub struct Inspection {
    data: Vec<char>,
    mark: Vec<Option<char>>,
    start: usize,
    end: usize,
}

pub fn inspect_start(s: impl AsRef<str>) -> Inspection {
    let data: Vec<char> = s.as_ref().chars().collect();
    let end = data.len();
    Inspection { mark: vec![None; end], data, start: 0, end }
}

impl Inspection {
    fn find(&self, x: &[char]) -> Option<usize> {
        (self.start..self.end).find(|&i| i + x.len() <= self.end && matches_at(&self.data, i, x))
    }
    /// BEFORE INITIAL x: the region ends at the first x (if there is one).
    pub fn before(&mut self, x: impl AsRef<str>) {
        let x: Vec<char> = x.as_ref().chars().collect();
        if let Some(i) = self.find(&x) { self.end = i; }
    }
    /// AFTER INITIAL x: the region starts after the first x; without one it is empty.
    pub fn after(&mut self, x: impl AsRef<str>) {
        let x: Vec<char> = x.as_ref().chars().collect();
        self.start = match self.find(&x) { Some(i) => i + x.len(), None => self.end };
    }
    fn free(&self, at: usize, n: usize) -> bool {
        self.mark[at..at + n].iter().all(|m| m.is_none())
    }
    /// Marks the matches of one clause (with their replacement) and counts them.
    fn scan(&mut self, mode: &str, what: &str, by: &str) -> i64 {
        let pat: Vec<char> = what.chars().collect();
        let rep: Vec<char> = by.chars().collect();
        let mut n = 0;
        let mut i = self.start;
        if mode == "CHARACTERS" {
            for k in self.start..self.end {
                if self.mark[k].is_none() { self.mark[k] = Some(*rep.first().unwrap_or(&self.data[k])); n += 1; }
            }
        } else if !pat.is_empty() {
            while i + pat.len() <= self.end {
                if matches_at(&self.data, i, &pat) && self.free(i, pat.len()) {
                    for k in 0..pat.len() { self.mark[i + k] = Some(*rep.get(k).unwrap_or(&self.data[i + k])); }
                    n += 1;
                    i += pat.len();
                    if mode == "FIRST" { break; }
                } else if mode == "LEADING" { break; } else { i += 1; }
            }
        }
        self.start = 0;
        self.end = self.data.len();
        n
    }
    /// TALLYING … FOR mode what: how many matches in the region.
    pub fn tally(&mut self, mode: &str, what: impl AsRef<str>) -> i64 {
        self.scan(mode, what.as_ref(), "")
    }
    /// REPLACING mode what BY by (same size), applied by `result`.
    pub fn replace(&mut self, mode: &str, what: impl AsRef<str>, by: impl AsRef<str>) {
        self.scan(mode, what.as_ref(), by.as_ref());
    }
    /// CONVERTING from TO to in the region: each character of `from` becomes the one at the
    /// same place in `to` (the first occurrence in `from` counts).
    pub fn convert(&mut self, from: impl AsRef<str>, to: impl AsRef<str>) {
        let from: Vec<char> = from.as_ref().chars().collect();
        let to: Vec<char> = to.as_ref().chars().collect();
        for k in self.start..self.end {
            if let Some(j) = from.iter().position(|f| *f == self.data[k]) {
                if self.mark[k].is_none() { self.mark[k] = Some(*to.get(j).unwrap_or(&self.data[k])); }
            }
        }
        self.start = 0;
        self.end = self.data.len();
    }
    /// The item after the replacements.
    pub fn result(&self) -> String {
        self.data.iter().zip(&self.mark).map(|(c, m)| m.unwrap_or(*c)).collect()
    }
}

/// STRING … DELIMITED BY d: the characters before the first `d` (all of them if none).
pub fn delimited(s: impl AsRef<str>, d: impl AsRef<str>) -> String {
    let (s, d) = (s.as_ref(), d.as_ref());
    match s.find(d) { Some(k) if !d.is_empty() => s[..k].to_string(), _ => s.to_string() }
}

/// STRING … INTO: overwrite the target from the left; positions not reached keep their value.
pub fn string_into(target: impl AsRef<str>, text: impl AsRef<str>) -> String {
    let t: Vec<char> = target.as_ref().chars().collect();
    let mut out: Vec<char> = text.as_ref().chars().take(t.len()).collect();
    let n = out.len();
    out.extend_from_slice(&t[n..]);
    out.into_iter().collect()
}

/// STRING … WITH POINTER: `text` written into `target` from position `pointer` (1-based) on, as
/// far as it fits; an out-of-range pointer leaves the target alone.
pub fn string_at(target: impl AsRef<str>, text: impl AsRef<str>, pointer: i64) -> String {
    let mut t: Vec<char> = target.as_ref().chars().collect();
    if pointer < 1 || pointer as usize > t.len() { return t.into_iter().collect(); }
    for (k, c) in text.as_ref().chars().enumerate() {
        let at = pointer as usize - 1 + k;
        if at >= t.len() { break; }
        t[at] = c;
    }
    t.into_iter().collect()
}

/// The pointer after STRING: one past the last character stored.
pub fn string_end(target: impl AsRef<str>, text: impl AsRef<str>, pointer: i64) -> i64 {
    let size = target.as_ref().chars().count() as i64;
    if pointer < 1 || pointer > size { return pointer; }
    pointer + (text.as_ref().chars().count() as i64).min(size - pointer + 1)
}

/// STRING's overflow condition: a bad pointer, or characters left over that did not fit.
pub fn string_overflow(target: impl AsRef<str>, text: impl AsRef<str>, pointer: i64) -> bool {
    let size = target.as_ref().chars().count() as i64;
    pointer < 1 || pointer > size || text.as_ref().chars().count() as i64 > size - pointer + 1
}

/// UNSTRING: hands out the fields of `src` one receiver at a time, from the pointer on.
pub struct Unstring {
    src: Vec<char>,
    pos: usize,
    bad_pointer: bool,
    pointer: i64,
    delimiters: Vec<(Vec<char>, bool)>,
    delimiter: String,
    count: i64,
    fields: i64,
}

pub fn unstring_start(src: impl AsRef<str>, pointer: i64) -> Unstring {
    let src: Vec<char> = src.as_ref().chars().collect();
    let bad_pointer = pointer < 1 || pointer as usize > src.len();
    let pos = if bad_pointer { 0 } else { pointer as usize - 1 };
    Unstring { src, pos, bad_pointer, pointer, delimiters: Vec::new(), delimiter: String::new(), count: 0, fields: 0 }
}

impl Unstring {
    /// DELIMITED BY [ALL] d: tried in the order written at every position.
    pub fn delimited_by(&mut self, d: impl AsRef<str>, all: bool) {
        self.delimiters.push((d.as_ref().chars().collect(), all));
    }
    /// Is there still something to hand out (a receiver past the end stays unchanged)?
    pub fn more(&self) -> bool {
        !self.bad_pointer && self.pos < self.src.len()
    }
    /// The next field: up to the first delimiter (or the end), which is skipped (all repeats of
    /// an ALL delimiter too).
    pub fn next(&mut self) -> String {
        let start = self.pos;
        let mut at = start;
        while at < self.src.len() {
            if let Some((d, all)) = self.delimiters.iter().find(|(d, _)| matches_at(&self.src, at, d)).cloned() {
                self.take(start, at, d.iter().collect());
                self.pos = at + d.len();
                while all && matches_at(&self.src, self.pos, &d) { self.pos += d.len(); }
                return self.src[start..at].iter().collect();
            }
            at += 1;
        }
        self.take(start, at, String::new());
        self.pos = at;
        self.src[start..at].iter().collect()
    }
    /// The next `n` characters (UNSTRING without DELIMITED BY).
    pub fn next_size(&mut self, n: i64) -> String {
        let start = self.pos;
        let end = (start + n.max(0) as usize).min(self.src.len());
        self.take(start, end, String::new());
        self.pos = end;
        self.src[start..end].iter().collect()
    }
    fn take(&mut self, start: usize, end: usize, delimiter: String) {
        self.delimiter = delimiter;
        self.count = (end - start) as i64;
        self.fields += 1;
    }
    /// DELIMITER IN: the delimiter that ended the last field (spaces at the end of the source).
    pub fn delimiter(&self) -> String { self.delimiter.clone() }
    /// COUNT IN: the characters of the last field.
    pub fn count(&self) -> i64 { self.count }
    /// TALLYING IN: how many receivers got a field.
    pub fn fields(&self) -> i64 { self.fields }
    /// WITH POINTER: the next position to examine (unchanged after a bad pointer).
    pub fn pointer(&self) -> i64 { if self.bad_pointer { self.pointer } else { self.pos as i64 + 1 } }
    /// ON OVERFLOW: a bad pointer, or characters left when the receivers ran out.
    pub fn overflow(&self) -> bool { self.bad_pointer || self.pos < self.src.len() }
}

// ---- records held as bytes (REDEFINES, RENAMES) and reference modification ------------------

/// Bytes off..off+n of a record held as one string (one char per byte).
pub fn get_bytes(s: impl AsRef<str>, off: usize, n: usize) -> String {
    let s = s.as_ref();
    if s.is_ascii() {
        return s[off..off + n].to_string();
    }
    s.chars().skip(off).take(n).collect()
}

/// The bytes with `piece` written from `off` (never past the end).
pub fn put_bytes(s: impl AsRef<str>, off: usize, piece: impl AsRef<str>) -> String {
    let (s, piece) = (s.as_ref(), piece.as_ref());
    if s.is_ascii() && piece.is_ascii() {
        let n = piece.len().min(s.len() - off);
        return [&s[..off], &piece[..n], &s[off + n..]].concat();
    }
    let mut c: Vec<char> = s.chars().collect();
    for (k, ch) in piece.chars().enumerate() {
        if off + k < c.len() {
            c[off + k] = ch;
        }
    }
    c.into_iter().collect()
}

/// COMP/BINARY (big-endian) or COMP-5 (little-endian) two's complement bytes.
pub fn to_binary(v: i64, size: usize, big_endian: bool) -> String {
    let mut b: Vec<u8> = v.to_be_bytes()[8 - size..].to_vec();
    if !big_endian {
        b.reverse();
    }
    b.into_iter().map(|c| c as char).collect()
}

pub fn from_binary(s: impl AsRef<str>, signed: bool, big_endian: bool) -> i64 {
    let mut b: Vec<u8> = s.as_ref().chars().map(|c| c as u32 as u8).collect();
    if !big_endian {
        b.reverse();
    }
    let mut v: i64 = if signed && b[0] & 0x80 != 0 { -1 } else { 0 };
    for x in b {
        v = (v << 8) | x as i64;
    }
    v
}

/// COMP-3: two digits a byte, the last nibble the sign (C +, D -, F unsigned).
pub fn pack(v: i64, size: usize, signed: bool) -> String {
    let width = size * 2 - 1;
    let text = format!("{:0>w$}", v.unsigned_abs(), w = width);
    let mut nibbles: Vec<u8> = text[text.len() - width..].bytes().map(|d| d - b'0').collect();
    nibbles.push(if !signed { 0x0F } else if v < 0 { 0x0D } else { 0x0C });
    nibbles.chunks(2).map(|p| ((p[0] << 4) | p[1]) as char).collect()
}

pub fn unpack(s: impl AsRef<str>) -> i64 {
    let b: Vec<u8> = s.as_ref().chars().map(|c| c as u32 as u8).collect();
    let (mut v, mut neg) = (0i64, false);
    for (k, x) in b.iter().enumerate() {
        v = v * 10 + (x >> 4) as i64;
        if k + 1 < b.len() {
            v = v * 10 + (x & 0x0F) as i64;
        } else {
            neg = x & 0x0F == 0x0D;
        }
    }
    if neg { -v } else { v }
}

// ---- intrinsic functions ----------------------------------------------------------------------

pub fn text_length(s: impl AsRef<str>) -> i64 {
    s.as_ref().chars().count() as i64
}

pub fn reverse(s: impl AsRef<str>) -> String {
    s.as_ref().chars().rev().collect()
}

/// FUNCTION TRIM [LEADING | TRAILING]: spaces removed at both ends or one.
pub fn trim(s: impl AsRef<str>, mode: &str) -> String {
    let s = s.as_ref();
    match mode {
        "LEADING" => s.trim_start_matches(' ').to_string(),
        "TRAILING" => s.trim_end_matches(' ').to_string(),
        _ => s.trim_matches(' ').to_string(),
    }
}

/// FUNCTION CHAR(n): the character at ordinal n (1-based, so CHAR(66) is "A").
pub fn char_of(v: Dec) -> String {
    let n = v.at_scale(0, false);
    if (1..=256).contains(&n) { char::from((n - 1) as u8).to_string() } else { " ".to_string() }
}

/// FUNCTION ORD(x): the ordinal (1-based) of the first character.
pub fn ord(s: impl AsRef<str>) -> Dec {
    Dec::new(s.as_ref().chars().next().map_or(1, |c| c as i128 + 1), 0)
}

/// FUNCTION NUMVAL / NUMVAL-C: spaces, one sign (+ - leading or trailing, CR DB trailing), digits
/// with one decimal point; NUMVAL-C also skips `$` and commas. Anything else is 0.
pub fn numval(s: impl AsRef<str>, currency: bool) -> Dec {
    let mut t: String = s.as_ref().trim_matches(' ').to_string();
    let mut neg = false;
    let mut signs = 0;
    for suffix in ["CR", "DB", "-", "+"] {
        if t.ends_with(suffix) {
            neg = suffix != "+";
            signs += 1;
            t = t[..t.len() - suffix.len()].trim_end_matches(' ').to_string();
            break;
        }
    }
    if let Some(c) = t.chars().next().filter(|c| *c == '-' || *c == '+') {
        neg = c == '-';
        signs += 1;
        t = t[1..].trim_start_matches(' ').to_string();
    }
    if currency {
        t = t.trim_start_matches('$').replace(',', "");
    }
    let (int, frac) = t.split_once('.').unwrap_or((&t, ""));
    let digits_only = |p: &str| p.chars().all(|c| c.is_ascii_digit());
    if signs > 1 || (int.is_empty() && frac.is_empty()) || !digits_only(int) || !digits_only(frac) {
        return Dec::new(0, 0);
    }
    let m: i128 = format!("{int}{frac}").parse().unwrap_or(0);
    Dec::new(if neg { -m } else { m }, frac.len() as u32)
}

/// FUNCTION MEDIAN: the middle value, or the mean of the two middle ones.
pub fn dec_median(values: &[Dec]) -> Dec {
    let mut v = values.to_vec();
    v.sort_by(|a, b| a.cmp(*b).cmp(&0));
    let k = v.len() / 2;
    if v.len() % 2 == 1 { v[k] } else { v[k - 1].add(v[k]).div(Dec::new(2, 0)) }
}

fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719468;
    let era = if z >= 0 { z } else { z - 146096 } / 146097;
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + if m <= 2 { 1 } else { 0 }, m, d)
}

/// Day 1 of the COBOL integer dates is 1601-01-01.
fn cobol_epoch() -> i64 {
    days_from_civil(1600, 12, 31)
}

fn days_in_year(y: i64) -> i64 {
    days_from_civil(y + 1, 1, 1) - days_from_civil(y, 1, 1)
}

fn int_arg(v: Dec) -> i64 {
    v.at_scale(0, false) as i64
}

/// FUNCTION INTEGER-OF-DATE(yyyymmdd); 0 for an invalid date.
pub fn integer_of_date(v: Dec) -> Dec {
    let n = int_arg(v);
    let (y, m, d) = (n / 10000, n / 100 % 100, n % 100);
    let month_days = if (1..=12).contains(&m) { days_from_civil(y + m / 12, m % 12 + 1, 1) - days_from_civil(y, m, 1) } else { 0 };
    if !(1601..=9999).contains(&y) || d < 1 || d > month_days { return Dec::new(0, 0); }
    Dec::new((days_from_civil(y, m, d) - cobol_epoch()) as i128, 0)
}

/// FUNCTION INTEGER-OF-DAY(yyyyddd); 0 for an invalid day.
pub fn integer_of_day(v: Dec) -> Dec {
    let n = int_arg(v);
    let (y, d) = (n / 1000, n % 1000);
    if !(1601..=9999).contains(&y) || d < 1 || d > days_in_year(y) { return Dec::new(0, 0); }
    Dec::new((days_from_civil(y, 1, 1) - cobol_epoch() + d - 1) as i128, 0)
}

fn date_of(v: Dec) -> Option<(i64, i64, i64)> {
    let n = int_arg(v);
    if !(1..=3067671).contains(&n) { return None; }
    Some(civil_from_days(n + cobol_epoch()))
}

/// FUNCTION DATE-OF-INTEGER(n): yyyymmdd; 0 out of range.
pub fn date_of_integer(v: Dec) -> Dec {
    Dec::new(date_of(v).map_or(0, |(y, m, d)| y * 10000 + m * 100 + d) as i128, 0)
}

/// FUNCTION DAY-OF-INTEGER(n): yyyyddd; 0 out of range.
pub fn day_of_integer(v: Dec) -> Dec {
    let yd = date_of(v).map_or(0, |(y, m, d)| y * 1000 + days_from_civil(y, m, d) - days_from_civil(y, 1, 1) + 1);
    Dec::new(yd as i128, 0)
}

// ---- the clock ---------------------------------------------------------------------------------

/// Now: year, month, day, hour, minute, second, hundredths, UTC offset in minutes. Like GnuCOBOL,
/// COB_CURRENT_DATE ("YYYY/MM/DD HH:MM:SS.hh[+hhmm]") pins it; otherwise the system clock (UTC:
/// the standard library has no time zones).
fn now() -> [i64; 8] {
    if let Ok(pinned) = std::env::var("COB_CURRENT_DATE") {
        return parse_pinned(&pinned);
    }
    let t = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    let secs = t.as_secs() as i64;
    let (y, m, d) = civil_from_days(secs.div_euclid(86400));
    let s = secs.rem_euclid(86400);
    [y, m, d, s / 3600, s / 60 % 60, s % 60, t.subsec_millis() as i64 / 10, 0]
}

fn parse_pinned(text: &str) -> [i64; 8] {
    let mut body = text.trim();
    let mut offset = 0;
    let chars: Vec<char> = body.chars().collect();
    if chars.len() > 5 && (chars[chars.len() - 5] == '+' || chars[chars.len() - 5] == '-')
        && chars[chars.len() - 4..].iter().all(|c| c.is_ascii_digit()) {
        let hhmm: i64 = body[body.len() - 4..].parse().unwrap_or(0);
        offset = (hhmm / 100 * 60 + hhmm % 100) * if chars[chars.len() - 5] == '-' { -1 } else { 1 };
        body = &body[..body.len() - 5];
    }
    let digits: Vec<i64> = body.chars().filter(|c| c.is_ascii_digit()).map(|c| c as i64 - '0' as i64).collect();
    let field = |from: usize, n: usize| (from..from + n).fold(0, |acc, k| acc * 10 + digits.get(k).copied().unwrap_or(0));
    [field(0, 4), field(4, 2), field(6, 2), field(8, 2), field(10, 2), field(12, 2), field(14, 2), offset]
}

/// ACCEPT … FROM DATE [YYYYMMDD] / DAY [YYYYDDD] / DAY-OF-WEEK / TIME, as the digits COBOL moves.
pub fn clock(what: &str) -> String {
    let [y, m, d, hh, mi, ss, cc, _] = now();
    let days = days_from_civil(y, m, d);
    let doy = days - days_from_civil(y, 1, 1) + 1;
    match what {
        "DATE" => format!("{:02}{:02}{:02}", y % 100, m, d),
        "DATE-YYYYMMDD" => format!("{:04}{:02}{:02}", y, m, d),
        "DAY" => format!("{:02}{:03}", y % 100, doy),
        "DAY-YYYYDDD" => format!("{:04}{:03}", y, doy),
        "DAY-OF-WEEK" => format!("{}", (days + 3).rem_euclid(7) + 1),
        _ => format!("{:02}{:02}{:02}{:02}", hh, mi, ss, cc),
    }
}

/// FUNCTION CURRENT-DATE: YYYYMMDDHHMMSShh and the UTC offset as +hhmm.
pub fn current_date() -> String {
    let [y, m, d, hh, mi, ss, cc, off] = now();
    let sign = if off < 0 { '-' } else { '+' };
    format!("{:04}{:02}{:02}{:02}{:02}{:02}{:02}{}{:02}{:02}", y, m, d, hh, mi, ss, cc, sign, off.abs() / 60, off.abs() % 60)
}

// ---- SIGN LEADING / SEPARATE and JUSTIFIED RIGHT --------------------------------------------

/// Zoned bytes of a SIGN LEADING and/or SEPARATE item: '+'/'-' apart, or the first digit
/// overpunched ('p'..'y' when negative), as GnuCOBOL stores them.
pub fn zoned_sign(m: i64, digits: u32, leading: bool, separate: bool) -> String {
    let d = digits_of(m as i128, digits);
    let sign = if m < 0 { '-' } else { '+' };
    if separate {
        return if leading { format!("{}{}", sign, d) } else { format!("{}{}", d, sign) };
    }
    if !leading {
        return zoned(m, digits, true);
    }
    let mut b = d.into_bytes();
    if m < 0 {
        b[0] = b'p' + (b[0] - b'0');
    }
    String::from_utf8(b).unwrap()
}

pub fn unzone_sign(s: impl AsRef<str>, leading: bool, separate: bool) -> i64 {
    let c: Vec<char> = s.as_ref().chars().collect();
    if !separate || c.is_empty() {
        return unzone(s);
    }
    let (sign, digits) = if leading { (c[0], &c[1..]) } else { (c[c.len() - 1], &c[..c.len() - 1]) };
    let v = unzone(digits.iter().collect::<String>());
    if sign == '-' { -v } else { v }
}

/// DISPLAY of a SIGN TRAILING SEPARATE item: the digits, then the sign.
pub fn num_display_trailing(m: i64, digits: u32, scale: u32) -> String {
    format!("{}{}", num_display(m, digits, scale, false), if m < 0 { '-' } else { '+' })
}

/// A move into a JUSTIFIED RIGHT item: cut on the left, spaces on the left.
pub fn fit_right(s: impl AsRef<str>, size: usize) -> String {
    let c: Vec<char> = s.as_ref().chars().collect();
    if c.len() >= size {
        return c[c.len() - size..].iter().collect();
    }
    " ".repeat(size - c.len()) + &c.iter().collect::<String>()
}

/// DISPLAY of a zoned number from its bytes, as GnuCOBOL shows it: the sign (when signed) from
/// the overpunched last byte, the digit bytes as they are (spaces moved over it stay spaces),
/// the decimal point.
pub fn display_zoned(s: impl AsRef<str>, scale: usize, signed: bool) -> String {
    let mut c: Vec<char> = s.as_ref().chars().collect();
    let mut out = String::new();
    if signed && !c.is_empty() {
        let last = c.len() - 1;
        let neg = ('p'..='y').contains(&c[last]);
        if neg {
            c[last] = (c[last] as u8 - b'p' + b'0') as char;
        }
        out.push(if neg { '-' } else { '+' });
    }
    let int = c.len() - scale;
    out.extend(&c[..int]);
    if scale > 0 {
        out.push('.');
        out.extend(&c[int..]);
    }
    out
}
