//! `dopcert serve`: migrate, load the demo into an empty database, serve until a signal.

use anyhow::Context;
use dopcert_app::demo::{self, DemoOptions};
use dopcert_app::{App, Clock};

use crate::config::{open_store, Settings};

pub async fn run(settings: &Settings) -> anyhow::Result<()> {
    let store = open_store(settings).await?;
    let mut app = App::new(store.clone(), Clock::system());
    if let Some(esia) = settings.esia.clone() {
        tracing::info!(issuer = %esia.issuer, "«Войти через Госуслуги» through the configured provider");
        app = app.with_esia(esia);
    }
    if settings.demo_on_empty {
        if let Some(summary) = demo::load_if_empty(&app, &DemoOptions::default()).await? {
            tracing::info!(
                children = summary.children,
                organizations = summary.organizations,
                "empty database: loaded the demo region (see `dopcert demo accounts`)"
            );
        }
    }
    let mailer = dopcert_app::mail::Mailer::new(&settings.mail)?;
    tokio::spawn(dopcert_app::mail::keep_sending(app.clone(), std::sync::Arc::new(mailer)));
    tokio::spawn(housekeeping(app.clone()));
    tokio::spawn(seal_audit(app.clone()));
    tokio::spawn(refresh_dashboard(app.clone()));
    // The first poll builds the catalog's index; `/readyz` says ready once it is built.
    tokio::spawn(dopcert_app::catalog::keep_current(app.clone()));
    let listener = tokio::net::TcpListener::bind(settings.listen)
        .await
        .with_context(|| format!("cannot listen on {}", settings.listen))?;
    tracing::info!("listening on http://{}", listener.local_addr()?);
    dopcert_web::serve(listener, app, settings.web_config(), shutdown_signal()).await?;
    tracing::info!("in-flight requests finished; closing the database");
    store.close().await;
    Ok(())
}

/// Clears expired sessions and abandoned logins now and then; a failure is logged and retried.
async fn housekeeping(app: App) {
    let mut every = tokio::time::interval(dopcert_app::housekeeping::EVERY);
    loop {
        every.tick().await;
        match dopcert_app::housekeeping::run_once(&app).await {
            Ok(t) => {
                tracing::debug!(sessions = t.sessions, pending_logins = t.pending_logins, "housekeeping")
            }
            Err(e) => tracing::warn!(error = %e, "housekeeping failed"),
        }
    }
}

/// Seals the audit log's new records into its chain every few seconds (several servers take
/// turns on the chain's head); a failure is logged and retried.
async fn seal_audit(app: App) {
    let mut every = tokio::time::interval(dopcert_app::audit::SEAL_EVERY);
    loop {
        every.tick().await;
        if let Err(e) = dopcert_app::audit::seal(&app).await {
            tracing::warn!(error = %e, "sealing the audit log failed");
        }
    }
}

/// Reads the back office's dashboard afresh every few minutes, so that a look at it finds the
/// figures ready (the first right after start); a failure is logged and retried.
async fn refresh_dashboard(app: App) {
    let mut every = tokio::time::interval(dopcert_app::dashboard::EVERY);
    loop {
        every.tick().await;
        match dopcert_app::dashboard::refresh(&app).await {
            Ok(r) => tracing::debug!(
                windows = r.windows,
                entries = r.entries,
                ledger_ms = r.ledger.as_millis() as u64,
                figures_ms = r.figures.as_millis() as u64,
                "dashboard refreshed"
            ),
            Err(e) => tracing::warn!(error = %e, "refreshing the dashboard failed"),
        }
    }
}

/// SIGINT (Ctrl+C) or SIGTERM (systemd, containers) starts a graceful shutdown.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    tracing::info!("shutdown signal received");
}
