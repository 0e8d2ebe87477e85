//! Arrow tables in and out (feature `arrow`): the columns a DataFrame, a Parquet file, DuckDB or
//! Spark hands over are read by core's cell rules ([`crate::cell`]) into a batch, and the results
//! come back as Arrow columns. Bindings only move Arrow data across (the Python binding through
//! the Arrow PyCapsule interface); every rule and message is here.
//!
//! - [`read`]: text, large text, text views and dictionaries (read once per entry) for the area;
//!   integers, floats, decimals and text for the income; booleans, integers and text for the
//!   indicators, or one integer mask column. A null is the blank cell's error at its row.
//! - [`write`]: the class as a dictionary column, the codes and counts, the errors table.
//! - [`cells`]: any column cell by cell, the general path the readers fall back on.

pub mod cells;
pub mod read;
pub mod write;

pub use read::{ArrowBatch, Chunks, DeprivationColumns, IndicatorColumn};
