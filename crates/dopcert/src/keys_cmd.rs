//! `dopcert keys`: the keys that seal SNILS at rest. A rotation is three steps, each safe while
//! the service runs: put `keys new`'s key first in every server's keys (the old one second) and
//! restart them; run `keys rotate`; drop the old key from the configuration.

use anyhow::Context;
use dopcert_store::sealed;

use crate::cli::KeysCommand;
use crate::config::{self, Settings};

pub async fn run(settings: &Settings, cmd: KeysCommand) -> anyhow::Result<()> {
    match cmd {
        KeysCommand::New => {
            println!("{}", sealed::Keyring::new_key());
            Ok(())
        }
        KeysCommand::Rotate => rotate(settings).await,
    }
}

async fn rotate(settings: &Settings) -> anyhow::Result<()> {
    let store = config::open_store(settings).await?;
    let done = sealed::rotate(&store).await.context("cannot re-seal personal data");
    store.close().await;
    let done = done?;
    println!(
        "Перешифровано текущим ключом: СНИЛС людей {}, СНИЛС в возможных дублях {}, файлов учеников {}. \
         Прежние ключи больше не нужны: уберите их из настроек.",
        done.snils, done.claimed_snils, done.import_batches
    );
    Ok(())
}
