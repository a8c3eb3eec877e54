//! The formatter is idempotent and token-lossless (ropa-fmt checks the tokens itself and
//! reports `Internal` if they differ).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    match ropa_fmt::format(text) {
        Ok(once) => {
            let twice = ropa_fmt::format(&once).expect("formatted output formats again");
            assert_eq!(once, twice, "not idempotent");
        }
        Err(ropa_fmt::FormatError::Internal { message }) => panic!("formatter lost or changed text: {message}"),
        Err(_) => {}
    }
});
