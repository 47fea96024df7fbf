"""SyncMatch: predicts Entra Connect matching before sync is switched on."""
