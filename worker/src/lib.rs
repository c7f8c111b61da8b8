//! The consent-exchange edge worker.
