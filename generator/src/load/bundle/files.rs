//! Reading files, each once: a spec file (parsed, its version declared, converted to OpenAPI 3.0
//! shape when it is Swagger 2.0) and an `x-ms-examples` file (recorded as found, missing or
//! invalid). A file that a `$ref` leads to is checked to be inside the root folder first.

use std::path::Path;
use std::rc::Rc;

use super::{ConvertedFile, Loader, RawFile};
use crate::error::{Error, ErrorKind, Location, Result};
use crate::load::source::{check_regular_file, declared_version, read_value, Declared};
use crate::load::swagger2::{convert_document, Converted};
use crate::load::ExampleFile;

impl Loader {
    /// Reads (once) the file `key`, reached as `display`. `site` is the `$ref` that named it.
    pub(super) fn raw_file(&mut self, key: &Path, display: &Path, site: Option<&Location>) -> Result<Rc<RawFile>> {
        if let Some(raw) = self.raw.get(key) {
            return Ok(raw.clone());
        }
        if let Some(site) = site {
            self.confine.check_target(site, display)?;
            if !display.exists() {
                return Err(Error::new(
                    ErrorKind::RefMissingFile,
                    site.clone(),
                    format!("`$ref` names the file {}, which does not exist", display.display()),
                ));
            }
            check_regular_file(display, site)?;
            self.reached.insert(key.to_path_buf(), site.clone());
        }
        let value = read_value(display)?;
        let declared = declared_version(&value, display)?;
        let raw = Rc::new(RawFile { display: display.to_path_buf(), value, declared });
        self.raw.insert(key.to_path_buf(), raw.clone());
        self.files.push(display.to_path_buf());
        Ok(raw)
    }

    /// Reads and converts (once) the file `key`.
    pub(super) fn converted_file(&mut self, key: &Path, display: &Path, site: Option<&Location>) -> Result<Rc<ConvertedFile>> {
        if let Some(file) = self.converted.get(key) {
            return Ok(file.clone());
        }
        let raw = self.raw_file(key, display, site)?;
        let flavor = match raw.declared {
            Declared::Fragment => self.flavor,
            declared => declared,
        };
        let doc = match flavor {
            Declared::Swagger2 => convert_document(&raw.value, &raw.display, self)?,
            _ => Converted::identity(raw.value.clone()),
        };
        let file = Rc::new(ConvertedFile { display: raw.display.clone(), doc });
        self.converted.insert(key.to_path_buf(), file.clone());
        Ok(file)
    }

    /// Reads the example file `reference` (written at `site`) names, relative to the file `key`;
    /// a missing or unreadable example is recorded, not an error. A reference that leads outside
    /// the root is an error, as any `$ref` is.
    pub(super) fn read_example(&mut self, key: &Path, site: &Location, reference: &str) -> Result<()> {
        let display = self.converted.get(key).map(|f| f.display.clone()).unwrap_or_else(|| key.to_path_buf());
        let file_part = reference.split('#').next().unwrap_or("");
        let decoded = percent_encoding::percent_decode_str(file_part).decode_utf8_lossy().into_owned();
        self.confine.check_reference(site, reference, file_part)?;
        self.confine.check_reference(site, reference, &decoded)?;
        let path = crate::load::example_path(&display, &decoded);
        if self.examples.contains_key(&path) {
            return Ok(());
        }
        self.confine.check_target(site, &path)?;
        let example = if !path.exists() {
            ExampleFile::Missing
        } else {
            match read_value(&path) {
                Ok(value) => ExampleFile::Found(value),
                Err(e) => ExampleFile::Invalid(e.to_string()),
            }
        };
        self.examples.insert(path, example);
        Ok(())
    }
}
