//! The module's exports for JavaScript (no wasm-bindgen: three functions and linear memory).
//! The page copies the request's UTF-8 bytes into a buffer from `ropa_alloc`, calls
//! `ropa_call`, reads `ropa_result_len` bytes at the pointer it returned, and frees the request
//! with `ropa_free` (the result stays until the next call).
#![allow(unsafe_code)] // the boundary to JavaScript: raw pointers into linear memory

use std::cell::RefCell;

thread_local! {
    static RESULT: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// A buffer of `len` bytes for the page to write a request into.
#[unsafe(no_mangle)]
pub extern "C" fn ropa_alloc(len: usize) -> *mut u8 {
    let mut buffer = vec![0u8; len].into_boxed_slice();
    let ptr = buffer.as_mut_ptr();
    std::mem::forget(buffer);
    ptr
}

/// Frees a buffer from [`ropa_alloc`].
///
/// # Safety
/// `ptr` and `len` must be exactly what one earlier `ropa_alloc` call returned and was given.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ropa_free(ptr: *mut u8, len: usize) {
    // SAFETY: the caller passes back a buffer `ropa_alloc` leaked, with its length.
    drop(unsafe { Box::from_raw(std::ptr::slice_from_raw_parts_mut(ptr, len)) });
}

/// Answers the request in `ptr[..len]` (see [`crate::handle`]); returns the answer's address.
///
/// # Safety
/// `ptr[..len]` must be a buffer from [`ropa_alloc`] that the page filled.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ropa_call(ptr: *const u8, len: usize) -> *const u8 {
    // SAFETY: the caller passes a buffer of `len` initialised bytes.
    let bytes = unsafe { std::slice::from_raw_parts(ptr, len) };
    let answer = match std::str::from_utf8(bytes) {
        Ok(request) => crate::handle(request),
        Err(_) => crate::error_json("the request is not UTF-8"),
    };
    RESULT.with(|r| {
        *r.borrow_mut() = answer.into_bytes();
        r.borrow().as_ptr()
    })
}

/// The length of the answer [`ropa_call`] returned last.
#[unsafe(no_mangle)]
pub extern "C" fn ropa_result_len() -> usize {
    RESULT.with(|r| r.borrow().len())
}
