//! Reading response envelopes.
