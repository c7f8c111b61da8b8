//! `consent-exchange-sandbox`: run the Dwolla + Finicity sandbox (see `--help`).

use clap::Parser;

#[tokio::main]
async fn main() {
    let config = consent_exchange_sandbox::Config::parse();
    tokio::select! {
        result = consent_exchange_sandbox::run(config) => {
            if let Err(e) = result {
                eprintln!("consent-exchange-sandbox: {e}");
                std::process::exit(1);
            }
        }
        _ = shutdown_signal() => {}
    }
}

async fn shutdown_signal() {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(s) => s,
                Err(_) => {
                    let _ = ctrl_c.await;
                    return;
                }
            };
        tokio::select! {
            _ = ctrl_c => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = ctrl_c.await;
    }
}
