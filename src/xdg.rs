//! Where tuinews keeps its files, by the XDG base directory specification: each base is the
//! variable's directory when it is set to an absolute path (a relative one is ignored, as the
//! specification asks), else its default under the home directory; tuinews's files are in a
//! `tuinews` directory inside it. One rule for every file, so they cannot drift apart.

use std::path::{Path, PathBuf};

/// `tuinews` inside `var`, or inside `home` joined with `default` (`.config`, ...).
fn tuinews_dir(var: Option<&Path>, home: Option<&Path>, default: &[&str]) -> Option<PathBuf> {
    let base = match var.filter(|p| p.is_absolute()) {
        Some(dir) => dir.to_path_buf(),
        None => default
            .iter()
            .fold(home?.to_path_buf(), |p, part| p.join(part)),
    };
    Some(base.join("tuinews"))
}

/// `$XDG_CONFIG_HOME/tuinews`, else `~/.config/tuinews`: the config file and subscriptions.
pub fn config_dir(xdg_config_home: Option<&Path>, home: Option<&Path>) -> Option<PathBuf> {
    tuinews_dir(xdg_config_home, home, &[".config"])
}

/// `$XDG_DATA_HOME/tuinews`, else `~/.local/share/tuinews`: the user's store.
pub fn data_dir(xdg_data_home: Option<&Path>, home: Option<&Path>) -> Option<PathBuf> {
    tuinews_dir(xdg_data_home, home, &[".local", "share"])
}

/// `$XDG_CACHE_HOME/tuinews`, else `~/.cache/tuinews`: caches of loaded stores.
pub fn cache_dir(xdg_cache_home: Option<&Path>, home: Option<&Path>) -> Option<PathBuf> {
    tuinews_dir(xdg_cache_home, home, &[".cache"])
}

/// `$XDG_STATE_HOME/tuinews`, else `~/.local/state/tuinews`: reading state, fetch validators.
pub fn state_dir(xdg_state_home: Option<&Path>, home: Option<&Path>) -> Option<PathBuf> {
    tuinews_dir(xdg_state_home, home, &[".local", "state"])
}

/// A hash of a path that stays the same from one build of tuinews to the next, so a file named
/// by it is found again: FNV-1a, written here because the standard hasher's output, and a hash
/// crate's, may change between versions.
pub fn path_hash(path: &Path) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in path.as_os_str().as_encoded_bytes() {
        hash ^= u64::from(*b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_variable_wins_when_absolute_else_the_home_default() {
        let home = Some(Path::new("/home/an"));
        assert_eq!(
            config_dir(Some(Path::new("/cfg")), home),
            Some(PathBuf::from("/cfg/tuinews"))
        );
        assert_eq!(
            config_dir(Some(Path::new("rel/cfg")), home),
            Some(PathBuf::from("/home/an/.config/tuinews"))
        );
        assert_eq!(
            data_dir(None, home),
            Some(PathBuf::from("/home/an/.local/share/tuinews"))
        );
        assert_eq!(
            state_dir(None, home),
            Some(PathBuf::from("/home/an/.local/state/tuinews"))
        );
        assert_eq!(state_dir(None, None), None);
        assert_eq!(
            cache_dir(None, home),
            Some(PathBuf::from("/home/an/.cache/tuinews"))
        );
        assert_eq!(
            cache_dir(Some(Path::new("/c")), home),
            Some(PathBuf::from("/c/tuinews"))
        );
        assert_eq!(
            state_dir(Some(Path::new("/s")), None),
            Some(PathBuf::from("/s/tuinews"))
        );
    }
}
