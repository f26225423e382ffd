//! A small, reproducible zip writer: entries sorted by name, a fixed 1980-01-01 timestamp, each entry
//! deflated (or stored when that is not smaller), UTF-8 names, no zip64 (the bundle is far below 4 GiB).

use crate::Result;
use std::path::Path;

const DOS_DATE: u16 = 1 << 5 | 1; // 1980-01-01
const DOS_TIME: u16 = 0;
const UTF8_NAMES: u16 = 1 << 11;

/// Every file under `dir` (recursively) as (name with `/` separators, bytes), sorted; top-level files named
/// in `skip` are left out.
pub fn collect(dir: &Path, skip: &[&str]) -> Result<Vec<(String, Vec<u8>)>> {
    fn walk(dir: &Path, prefix: &str, out: &mut Vec<(String, Vec<u8>)>) -> Result<()> {
        let entries =
            std::fs::read_dir(dir).map_err(|e| format!("listing {}: {e}", dir.display()))?;
        for entry in entries {
            let entry = entry.map_err(|e| e.to_string())?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let path = entry.path();
            if path.is_dir() {
                walk(&path, &format!("{prefix}{name}/"), out)?;
            } else {
                let bytes =
                    std::fs::read(&path).map_err(|e| format!("reading {}: {e}", path.display()))?;
                out.push((format!("{prefix}{name}"), bytes));
            }
        }
        Ok(())
    }
    let mut out = Vec::new();
    walk(dir, "", &mut out)?;
    out.retain(|(name, _)| !skip.contains(&name.as_str()));
    out.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(out)
}

pub fn write(files: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, data) in files {
        let crc = crc32fast::hash(data);
        let deflated = miniz_oxide::deflate::compress_to_vec(data, 9);
        let (method, body): (u16, &[u8]) = if deflated.len() < data.len() {
            (8, &deflated)
        } else {
            (0, data)
        };
        let offset = out.len() as u32;
        let common = |v: &mut Vec<u8>| {
            put16(v, 20); // version needed: 2.0
            put16(v, UTF8_NAMES);
            put16(v, method);
            put16(v, DOS_TIME);
            put16(v, DOS_DATE);
            put32(v, crc);
            put32(v, body.len() as u32);
            put32(v, data.len() as u32);
            put16(v, name.len() as u16);
            put16(v, 0); // extra field length
        };
        put32(&mut out, 0x0403_4b50);
        common(&mut out);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(body);

        put32(&mut central, 0x0201_4b50);
        put16(&mut central, 3 << 8 | 20); // made by: Unix, 2.0
        common(&mut central);
        put16(&mut central, 0); // comment length
        put16(&mut central, 0); // disk
        put16(&mut central, 0); // internal attributes
        put32(&mut central, 0o100644 << 16); // regular file, rw-r--r--
        put32(&mut central, offset);
        central.extend_from_slice(name.as_bytes());
    }
    let central_offset = out.len() as u32;
    out.extend_from_slice(&central);
    put32(&mut out, 0x0605_4b50);
    put16(&mut out, 0);
    put16(&mut out, 0);
    put16(&mut out, files.len() as u16);
    put16(&mut out, files.len() as u16);
    put32(&mut out, central.len() as u32);
    put32(&mut out, central_offset);
    put16(&mut out, 0);
    out
}

fn put16(v: &mut Vec<u8>, n: u16) {
    v.extend_from_slice(&n.to_le_bytes());
}

fn put32(v: &mut Vec<u8>, n: u32) {
    v.extend_from_slice(&n.to_le_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn u16_at(b: &[u8], i: usize) -> usize {
        u16::from_le_bytes([b[i], b[i + 1]]) as usize
    }
    fn u32_at(b: &[u8], i: usize) -> usize {
        u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]) as usize
    }

    /// A tiny reader: the end record, then each central-directory entry and the local entry it points to.
    fn read(zip: &[u8]) -> Vec<(String, Vec<u8>)> {
        let end = zip.len() - 22;
        assert_eq!(u32_at(zip, end), 0x0605_4b50);
        let count = u16_at(zip, end + 10);
        let mut at = u32_at(zip, end + 16);
        assert_eq!(
            at + u32_at(zip, end + 12),
            end,
            "the central directory ends at the end record"
        );
        let mut out = Vec::new();
        for _ in 0..count {
            assert_eq!(u32_at(zip, at), 0x0201_4b50);
            let (method, crc, size, raw) = (
                u16_at(zip, at + 10),
                u32_at(zip, at + 16),
                u32_at(zip, at + 20),
                u32_at(zip, at + 24),
            );
            let name_len = u16_at(zip, at + 28);
            let name = String::from_utf8(zip[at + 46..at + 46 + name_len].to_vec()).unwrap();
            let local = u32_at(zip, at + 42);
            assert_eq!(u32_at(zip, local), 0x0403_4b50);
            assert_eq!(&zip[local + 30..local + 30 + name_len], name.as_bytes());
            let body = &zip[local + 30 + name_len..local + 30 + name_len + size];
            let data = match method {
                0 => body.to_vec(),
                8 => miniz_oxide::inflate::decompress_to_vec(body).unwrap(),
                m => panic!("method {m}"),
            };
            assert_eq!(data.len(), raw);
            assert_eq!(crc32fast::hash(&data) as usize, crc, "{name}");
            out.push((name, data));
            at += 46 + name_len + u16_at(zip, at + 30) + u16_at(zip, at + 32);
        }
        out
    }

    fn sample() -> Vec<(String, Vec<u8>)> {
        vec![
            (
                "index.html".into(),
                b"<!doctype html><title>x</title>".repeat(40),
            ),
            ("snippets/a/b.js".into(), b"export const a = 1;".to_vec()),
            ("strata_bg.wasm".into(), (0..=255u8).collect()),
            ("empty.txt".into(), Vec::new()),
        ]
    }

    #[test]
    fn round_trip() {
        let files = sample();
        let zip = write(&files);
        assert_eq!(read(&zip), files);
        assert_eq!(write(&files), zip, "reproducible");
        assert!(zip.len() < 40 * 31, "the repetitive file is deflated");
    }

    #[test]
    fn unzip_accepts_it_when_installed() {
        let Ok(out) = std::process::Command::new("unzip").arg("-v").output() else {
            return;
        };
        if !out.status.success() {
            return;
        }
        let dir = crate::offline::tests::temp_dir("zip");
        let path = dir.join("t.zip");
        std::fs::write(&path, write(&sample())).unwrap();
        let test = std::process::Command::new("unzip")
            .arg("-t")
            .arg(&path)
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&test.stdout);
        assert!(test.status.success(), "{text}");
        assert!(text.contains("No errors detected"), "{text}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn collect_walks_sorts_and_skips() {
        let dir = crate::offline::tests::temp_dir("collect");
        std::fs::create_dir_all(dir.join("snippets/x")).unwrap();
        for (name, body) in [
            ("b.js", "b"),
            ("a.html", "a"),
            ("snippets/x/c.js", "c"),
            ("strata-dist.zip", "z"),
        ] {
            std::fs::write(dir.join(name), body).unwrap();
        }
        let names: Vec<_> = collect(&dir, &["strata-dist.zip"])
            .unwrap()
            .into_iter()
            .map(|(n, _)| n)
            .collect();
        assert_eq!(names, ["a.html", "b.js", "snippets/x/c.js"]);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
