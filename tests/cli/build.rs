//! `gtmbook build`: the site it writes.
