//! The allocator: mimalloc.
//!
//! ropa allocates millions of small values on all cores — the model of every activity, the
//! policy's facts and sections — and frees them again. With glibc's malloc, allocating and
//! freeing took about a third of the instructions of `ropa policy`; with mimalloc `policy` takes
//! about a quarter less time at 10,000 activities and `check` a tenth less (docs/performance.md).
//! Its arenas are committed as they are used (`MI_DEFAULT_ARENA_EAGER_COMMIT=0`, set for the C
//! build in `.cargo/config.toml`; the option is read before `main`): with eager commit, the
//! language server's memory at 10,000 activities wandered between 75 and 100 MB instead of
//! staying at 60–64 MB.

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` of the mimalloc (v3) that `libmimalloc-sys` 0.1.49 builds (not
/// exported as a constant, and numbered per version: hence the pinned version).
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// For the language server: freed memory goes back to the system at once, not after 10 ms — the
/// server runs for hours. The one-shot commands keep the default: returning memory at once made
/// `policy` a tenth slower, and `ropa check` spent a tenth of its time in the system returning
/// and faulting in pages again (its peak memory is higher by about a tenth without it:
/// docs/performance.md).
pub fn return_freed_memory_at_once() {
    // SAFETY: `mi_option_set` only stores the value of an option. It is not thread-safe: this is
    // called from `main` and `lsp::run` before they start any thread.
    #[allow(unsafe_code)]
    unsafe {
        libmimalloc_sys::mi_option_set(PURGE_DELAY, 0);
    }
}

/// For the language server, after each analysis: the analysing thread hands back the memory it
/// keeps for reuse. Without it the server's memory rose by up to 10 % over 1,000 edits at
/// 10,000 activities (59 → 65 MB); with it, 5–7 % and flat after the first edits.
pub fn collect() {
    // SAFETY: `mi_collect` frees memory that mimalloc holds on to; it is safe to call at any
    // time from any thread.
    #[allow(unsafe_code)]
    unsafe {
        libmimalloc_sys::mi_collect(false);
    }
}
