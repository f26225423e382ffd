//! `strata-bundle [DIR]`: run by Trunk as a post-build hook (see Trunk.toml) on `$TRUNK_STAGING_DIR`, or by
//! hand on a built `dist/`. Builds the on-demand extras module into it, then writes a strict-CSP
//! `index.html`, `strata-offline.html` (its scripts bundled by esbuild, from `npm ci`) and `strata-dist.zip`.
//! Scripts are minified (esbuild) except in Trunk's debug builds (`TRUNK_PROFILE=debug`, as in `trunk serve`),
//! like Trunk's `minify = "on_release"`.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let dir = std::env::args_os()
        .nth(1)
        .or_else(|| std::env::var_os("TRUNK_STAGING_DIR"))
        .map_or_else(|| PathBuf::from("dist"), PathBuf::from);
    let public_url = std::env::var("TRUNK_PUBLIC_URL").unwrap_or_else(|_| "./".to_string());
    let minify = std::env::var("TRUNK_PROFILE").map_or(true, |p| p != "debug");
    match strata_bundle::run(&dir, &public_url, minify) {
        Ok(lines) => {
            for line in lines {
                println!("strata-bundle: wrote {line}");
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("strata-bundle: {} : {e}", dir.display());
            ExitCode::FAILURE
        }
    }
}
