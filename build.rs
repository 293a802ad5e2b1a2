//! Embeds every `rules/*.yaml` file in the binary as a built-in pack.

use std::env;
use std::fs;
use std::path::Path;

fn main() {
    let rules = Path::new("rules");
    println!("cargo:rerun-if-changed=rules");
    let mut files: Vec<String> = fs::read_dir(rules)
        .expect("rules/ exists")
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".yaml"))
        .collect();
    files.sort();
    let mut out = String::from("&[\n");
    for file in &files {
        println!("cargo:rerun-if-changed=rules/{file}");
        let path = fs::canonicalize(rules.join(file)).expect("pack path");
        out.push_str(&format!(
            "    ({file:?}, include_str!({:?})),\n",
            path.display().to_string()
        ));
    }
    out.push(']');
    let target = Path::new(&env::var("OUT_DIR").expect("OUT_DIR")).join("builtin_packs.rs");
    fs::write(target, out).expect("write builtin_packs.rs");
}
