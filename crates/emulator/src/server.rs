//! The listener on loopback and the [`Emulator`] handle the app and tests hold.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use opensrv_mysql::AsyncMysqlIntermediary;
use tokio::net::{TcpListener, TcpStream};
use tokio::task::{AbortHandle, JoinHandle};

use crate::clock::Clock;
use crate::config::{ClusterConfig, Fault};
use crate::connection::Connection;
use crate::errors::EmulatorError;
use crate::state::Cluster;
use crate::wire::{ErrorPatch, PatchingWriter};

/// What every connection of one emulator shares.
pub struct Shared {
    pub config: ClusterConfig,
    pub clock: Arc<dyn Clock>,
    pub cluster: Mutex<Cluster>,
    log: Mutex<Vec<String>>,
    /// Statements answered with an error, with its number.
    refused: Mutex<Vec<(String, u16)>>,
    connections: Mutex<HashMap<u32, AbortHandle>>,
    next_connection_id: AtomicU32,
    /// Out of reach (a fault): connections are closed on arrival.
    unreachable: AtomicBool,
}

impl Shared {
    pub fn log_statement(&self, sql: &str) {
        self.log.lock().unwrap_or_else(|e| e.into_inner()).push(sql.to_string());
    }

    /// Records a statement answered with error `code` (a refusal, a syntax error, a
    /// missing view...): what a release rejected.
    pub fn log_refusal(&self, sql: &str, code: u16) {
        self.refused
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((sql.to_string(), code));
    }

    fn drop_connections(&self) {
        let handles: Vec<AbortHandle> = self
            .connections
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .drain()
            .map(|(_, handle)| handle)
            .collect();
        for handle in handles {
            handle.abort();
        }
    }
}

/// Removes a connection from the registry when its task ends, aborted or not.
struct Registration {
    shared: Arc<Shared>,
    id: u32,
}

impl Drop for Registration {
    fn drop(&mut self) {
        self.shared
            .connections
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(&self.id);
    }
}

/// An emulated OceanBase cluster listening on `127.0.0.1`.
pub struct Emulator {
    shared: Arc<Shared>,
    addr: SocketAddr,
    accept: Option<JoinHandle<()>>,
}

impl Emulator {
    /// Builds the cluster (seeding its history, if asked) and listens on a free port.
    pub async fn start(config: ClusterConfig, clock: Arc<dyn Clock>) -> Result<Emulator, EmulatorError> {
        Self::start_on(config, clock, 0).await
    }

    /// As [`Emulator::start`], on a given loopback port (0 = any free one): a cluster
    /// that comes back after a restart answers where it did before.
    pub async fn start_on(config: ClusterConfig, clock: Arc<dyn Clock>, port: u16) -> Result<Emulator, EmulatorError> {
        let cluster = Cluster::new(&config, clock.now_micros())?;
        let listener = TcpListener::bind(("127.0.0.1", port))
            .await
            .map_err(EmulatorError::Bind)?;
        let addr = listener.local_addr().map_err(EmulatorError::Bind)?;
        let shared = Arc::new(Shared {
            config,
            clock,
            cluster: Mutex::new(cluster),
            log: Mutex::new(Vec::new()),
            refused: Mutex::new(Vec::new()),
            connections: Mutex::new(HashMap::new()),
            next_connection_id: AtomicU32::new(1),
            unreachable: AtomicBool::new(false),
        });
        let accept = tokio::spawn(accept_loop(listener, Arc::clone(&shared)));
        tracing::info!(
            "ob-emulator {} ({}) listening on {addr}",
            shared.config.cluster_name,
            shared.config.release.key
        );
        Ok(Emulator {
            shared,
            addr,
            accept: Some(accept),
        })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Every statement text received, in order, exactly as received.
    pub fn statement_log(&self) -> Vec<String> {
        self.shared.log.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Every statement answered with an error, in order, as received (bound, for an
    /// executed prepared statement), with the error number it got.
    pub fn refused_log(&self) -> Vec<(String, u16)> {
        self.shared.refused.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    pub fn inject(&self, fault: Fault) {
        match fault {
            Fault::DropConnections => self.shared.drop_connections(),
            Fault::Unreachable => {
                self.shared.unreachable.store(true, Ordering::SeqCst);
                self.shared.drop_connections();
            }
            Fault::Reachable => self.shared.unreachable.store(false, Ordering::SeqCst),
            other => self
                .shared
                .cluster
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .inject(&other, self.shared.clock.now_micros()),
        }
    }

    /// Stops listening and closes every connection.
    pub async fn stop(mut self) {
        if let Some(accept) = self.accept.take() {
            accept.abort();
            let _ = accept.await;
        }
        self.shared.drop_connections();
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        if let Some(accept) = self.accept.take() {
            accept.abort();
        }
        self.shared.drop_connections();
    }
}

async fn accept_loop(listener: TcpListener, shared: Arc<Shared>) {
    loop {
        match listener.accept().await {
            // Dropping the stream closes it before the handshake, as a dead host's port would.
            Ok(_) if shared.unreachable.load(Ordering::SeqCst) => {}
            Ok((stream, peer)) => serve(stream, peer, &shared),
            Err(e) => {
                // Out of descriptors and the like: wait a little rather than spin.
                tracing::warn!("ob-emulator accept failed: {e}");
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        }
    }
}

fn serve(stream: TcpStream, peer: SocketAddr, shared: &Arc<Shared>) {
    // Small request/response packets: without this each reply waits for delayed ACKs.
    let _ = stream.set_nodelay(true);
    let id = shared.next_connection_id.fetch_add(1, Ordering::Relaxed);
    let registration = Registration {
        shared: Arc::clone(shared),
        id,
    };
    let patch = ErrorPatch::default();
    let connection = Connection::new(Arc::clone(shared), id, &peer.ip().to_string(), patch.clone());
    let task = tokio::spawn(async move {
        let _registration = registration;
        let (reader, writer) = stream.into_split();
        let writer = PatchingWriter::new(writer, patch);
        if let Err(e) = AsyncMysqlIntermediary::run_on(connection, reader, writer).await {
            tracing::debug!("ob-emulator connection {id} ended: {e}");
        }
    });
    let mut connections = shared.connections.lock().unwrap_or_else(|e| e.into_inner());
    if !task.is_finished() {
        connections.insert(id, task.abort_handle());
    }
}
