//! Giving memory freed by a load or an index build back to the system, in the reader.
//!
//! Loading a store and building its indexes allocate and free a great deal on several threads
//! (an article's lead and body are built, then left in the file; each article's terms are
//! counted, then all but the heaviest dropped). glibc's allocator keeps what was freed in its
//! per-thread arenas for reuse, so the reader's resident size stayed about 40-50 MB above what
//! it holds at 100k articles. `malloc_trim` returns the free pages: there is no crate for this,
//! and other allocators (musl's, the system's elsewhere) return memory on their own.

/// Returns freed memory to the system, where the allocator keeps it otherwise.
pub fn give_back() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only walks and trims the allocator's own free lists; it takes no
    // pointer and is safe to call from any thread at any time.
    unsafe {
        libc::malloc_trim(0);
    }
}
