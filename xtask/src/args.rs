//! A small command-line reader: flags, `--name value` options and positionals, with an error
//! for anything a command did not ask for (so a typo never passes silently).

use std::ffi::OsString;
use std::path::PathBuf;

use anyhow::{bail, Result};

/// The arguments after the command name, consumed as a command asks for them.
#[derive(Debug, Clone)]
pub struct Args {
    rest: Vec<String>,
}

impl Args {
    /// The process's arguments, less the program name.
    pub fn from_env() -> Self {
        Self::new(std::env::args_os().skip(1).map(|a: OsString| a.to_string_lossy().into_owned()))
    }

    /// Arguments from a list (for tests).
    pub fn new(args: impl IntoIterator<Item = String>) -> Self {
        Self { rest: args.into_iter().collect() }
    }

    /// Takes the first argument that is not an option.
    pub fn next_positional(&mut self) -> Option<String> {
        let i = self.rest.iter().position(|a| !a.starts_with("--"))?;
        Some(self.rest.remove(i))
    }

    /// Takes `--name` if present.
    pub fn flag(&mut self, name: &str) -> bool {
        match self.rest.iter().position(|a| a == name) {
            Some(i) => {
                self.rest.remove(i);
                true
            }
            None => false,
        }
    }

    /// Takes `--name VALUE` or `--name=VALUE` if present.
    pub fn value(&mut self, name: &str) -> Result<Option<String>> {
        let prefix = format!("{name}=");
        if let Some(i) = self.rest.iter().position(|a| a.starts_with(&prefix)) {
            let arg = self.rest.remove(i);
            return Ok(Some(arg[prefix.len()..].to_string()));
        }
        match self.rest.iter().position(|a| a == name) {
            Some(i) if i + 1 < self.rest.len() => {
                self.rest.remove(i);
                Ok(Some(self.rest.remove(i)))
            }
            Some(_) => bail!("{name} needs a value"),
            None => Ok(None),
        }
    }

    /// Takes `--name PATH`, resolved against the directory the command was started in.
    pub fn path(&mut self, name: &str) -> Result<Option<PathBuf>> {
        Ok(self.value(name)?.map(|p| crate::paths::absolute(&PathBuf::from(p))))
    }

    /// Fails when anything is left over: an unknown option or an extra positional.
    pub fn finish(self) -> Result<()> {
        if let Some(first) = self.rest.first() {
            bail!("unexpected argument `{first}` (see `cargo xtask help`)");
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Args {
        Args::new(list.iter().map(|s| s.to_string()))
    }

    #[test]
    fn reads_flags_values_and_positionals_in_any_order() {
        let mut a = args(&["--force", "old.json", "--format=json", "--from", "x", "new.json"]);
        assert!(a.flag("--force"));
        assert!(!a.flag("--check"));
        assert_eq!(a.value("--format").unwrap().as_deref(), Some("json"));
        assert_eq!(a.value("--from").unwrap().as_deref(), Some("x"));
        assert_eq!(a.next_positional().as_deref(), Some("old.json"));
        assert_eq!(a.next_positional().as_deref(), Some("new.json"));
        assert!(a.finish().is_ok());
    }

    #[test]
    fn leftovers_and_missing_values_are_errors() {
        let mut a = args(&["--spec"]);
        assert!(a.value("--spec").is_err());
        let a = args(&["--chek"]);
        assert!(a.finish().unwrap_err().to_string().contains("--chek"));
    }
}
