//! `dopcert`: one binary with subcommands. This layer parses the command line and the
//! configuration, then calls the use cases; it holds no rules.

mod backup_cmd;
mod bench;
mod bench_dashboard;
mod bench_export;
mod bench_money;
mod cli;
mod config;
mod demo_cmd;
mod keys_cmd;
mod money_cmd;
mod serve;

use clap::Parser;

fn main() -> std::process::ExitCode {
    let cli = cli::Cli::parse();
    let settings = match config::Settings::resolve(&cli) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("dopcert: {e:#}");
            return std::process::ExitCode::from(2);
        }
    };
    config::init_logging(&settings);
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("tokio runtime");
    match runtime.block_on(run(cli.command, settings)) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("dopcert: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run(command: cli::Command, settings: config::Settings) -> anyhow::Result<()> {
    match command {
        cli::Command::Serve(_) => serve::run(&settings).await,
        cli::Command::Migrate => {
            let store = config::open_store(&settings).await?;
            store.close().await;
            println!("Схема базы данных актуальна.");
            Ok(())
        }
        cli::Command::Demo(demo) => demo_cmd::run(&settings, demo).await,
        cli::Command::Bench(cmd) => bench::run(&settings, cmd).await,
        cli::Command::Billing(cmd) => money_cmd::billing(&settings, cmd).await,
        cli::Command::Backup { to } => backup_cmd::run(&settings, &to).await,
        cli::Command::Verify => money_cmd::verify(&settings).await,
        cli::Command::Period(cmd) => money_cmd::period(&settings, cmd).await,
        cli::Command::Keys(cmd) => keys_cmd::run(&settings, cmd).await,
        cli::Command::Config(_) => {
            print!("{settings}");
            Ok(())
        }
    }
}
