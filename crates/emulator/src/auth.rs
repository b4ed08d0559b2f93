//! Who may log in: `root`, `root@sys` or `root@sys#<cluster>` with the configured
//! password, checked with mysql_native_password against the connection's scramble.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};

use sha1::{Digest, Sha1};

/// The user forms OceanBase accepts for root of the sys tenant (direct or via obproxy).
pub fn is_root_of_sys(user: &str, cluster: &str) -> bool {
    match user.split_once('#') {
        Some((tenant_user, cluster_name)) => tenant_user == "root@sys" && cluster_name == cluster,
        None => user == "root" || user == "root@sys",
    }
}

/// mysql_native_password: the client sends SHA1(pw) XOR SHA1(scramble + SHA1(SHA1(pw))).
pub fn native_password_matches(password: &str, scramble: &[u8], response: &[u8]) -> bool {
    if password.is_empty() {
        return response.is_empty();
    }
    if response.len() != 20 {
        return false;
    }
    let stage1 = Sha1::digest(password.as_bytes());
    let stage2 = Sha1::digest(stage1);
    let mut hasher = Sha1::new();
    hasher.update(scramble);
    hasher.update(stage2);
    let mask = hasher.finalize();
    let expected = stage1.iter().zip(mask.iter()).map(|(a, b)| a ^ b);
    // Compare every byte so the time taken says nothing about where they differ.
    expected.zip(response).fold(0u8, |diff, (e, r)| diff | (e ^ r)) == 0
}

/// A fresh 20-byte scramble. The bytes avoid NUL and `$`, which the handshake cannot carry.
pub fn new_scramble() -> [u8; 20] {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut scramble = [0u8; 20];
    for (i, chunk) in scramble.chunks_mut(8).enumerate() {
        let mut hasher = RandomState::new().build_hasher();
        hasher.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
        hasher.write_usize(i);
        let bytes = hasher.finish().to_le_bytes();
        for (out, b) in chunk.iter_mut().zip(bytes) {
            // Printable ASCII, like MySQL's own scrambles.
            *out = 0x21 + (b % 0x5e);
            if *out == b'$' {
                *out = b'%';
            }
        }
    }
    scramble
}

#[cfg(test)]
mod tests {
    use super::*;

    fn client_response(password: &str, scramble: &[u8]) -> Vec<u8> {
        let stage1 = Sha1::digest(password.as_bytes());
        let stage2 = Sha1::digest(stage1);
        let mut hasher = Sha1::new();
        hasher.update(scramble);
        hasher.update(stage2);
        let mask = hasher.finalize();
        stage1.iter().zip(mask.iter()).map(|(a, b)| a ^ b).collect()
    }

    #[test]
    fn native_password_round_trip() {
        let scramble = new_scramble();
        assert!(native_password_matches(
            "secret",
            &scramble,
            &client_response("secret", &scramble)
        ));
        assert!(!native_password_matches(
            "secret",
            &scramble,
            &client_response("other", &scramble)
        ));
        assert!(native_password_matches("", &scramble, &[]));
        assert!(!native_password_matches(
            "",
            &scramble,
            &client_response("x", &scramble)
        ));
        assert!(!native_password_matches("secret", &scramble, &[]));
    }

    #[test]
    fn user_forms() {
        assert!(is_root_of_sys("root", "c1"));
        assert!(is_root_of_sys("root@sys", "c1"));
        assert!(is_root_of_sys("root@sys#c1", "c1"));
        assert!(!is_root_of_sys("root@sys#c2", "c1"));
        assert!(!is_root_of_sys("admin", "c1"));
        assert!(!is_root_of_sys("root@t1", "c1"));
    }

    #[test]
    fn scrambles_differ_and_avoid_nul_and_dollar() {
        let a = new_scramble();
        let b = new_scramble();
        assert_ne!(a, b);
        assert!(a.iter().all(|&c| c != 0 && c != b'$'));
    }
}
