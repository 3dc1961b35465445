//! Reading a PDF back as text, with poppler's `pdftotext`, to check what a person would read.

use std::io::Write;
use std::process::{Command, Stdio};

/// The text of a PDF; `None` (skipped) when pdftotext is missing outside CI.
pub fn text(pdf: &[u8]) -> Option<String> {
    let spawned = Command::new("pdftotext")
        .args(["-layout", "-", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match spawned {
        Ok(c) => c,
        Err(_) => {
            crate::missing("pdftotext (Debian package poppler-utils)")?;
            unreachable!()
        }
    };
    child.stdin.take().expect("stdin").write_all(pdf).expect("write pdf");
    let out = child.wait_with_output().expect("pdftotext");
    assert!(out.status.success(), "pdftotext failed: {}", String::from_utf8_lossy(&out.stderr));
    Some(String::from_utf8(out.stdout).expect("utf-8 text"))
}
