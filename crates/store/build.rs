// The migrations are embedded by `sqlx::migrate!` at compile time: rebuild when one is added
// or changed (cargo does not watch the folder otherwise).
fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
