//! The wasm entry point: installs the allocator and mounts the app. Everything else lives in the library.

#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

fn main() {
    strata::start();
}
