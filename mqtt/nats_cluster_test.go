package mqtt_test

import (
	"crypto/tls"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"opinionwall/internal/freeport"
	"opinionwall/mqtt"
)

// A district's broker: three nats-server nodes run from the configuration
// installers copy (deploy/nats/node{1,2,3}.conf), only addresses and paths
// moved onto loopback and into the test's directory.

type natsNode struct {
	t                             *testing.T
	bin, name, conf               string
	client, http, route, mqttAddr string
	cmd                           *exec.Cmd
	mu                            sync.Mutex
	logs                          strings.Builder
}

type natsCluster struct {
	t     *testing.T
	nodes [3]*natsNode
	dir   string // ca.crt, the certificates, users.conf
}

func natsServerBin(t *testing.T) string {
	t.Helper()
	bin, err := exec.LookPath("nats-server")
	if err != nil {
		if _, err2 := os.Stat("/usr/sbin/nats-server"); err2 == nil {
			return "/usr/sbin/nats-server"
		}
		t.Skip("nats-server is not installed (make deps installs Debian's nats-server)")
	}
	return bin
}

// startNATSCluster writes users.conf for users (certificate-mapped, no
// passwords) into caDir, and starts the three nodes; edit may change each
// node's configuration text, before may write files beside it (nil for
// none).
func startNATSCluster(t *testing.T, caDir string, users []string, edit func(string) string, before func(dir string)) *natsCluster {
	t.Helper()
	bin := natsServerBin(t)
	var us []mqtt.NATSUser
	for _, u := range users {
		us = append(us, mqtt.NATSUser{Name: u})
	}
	auth, err := mqtt.NATSAuthorization(us)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(caDir, "users.conf"), []byte(auth), 0o600); err != nil {
		t.Fatal(err)
	}
	c := &natsCluster{t: t, dir: caDir}
	for i := range c.nodes {
		c.nodes[i] = &natsNode{t: t, bin: bin, name: fmt.Sprintf("ow-n%d", i+1),
			client: freeport.Addr(t), http: freeport.Addr(t), route: freeport.Addr(t), mqttAddr: freeport.Addr(t)}
	}
	for i, n := range c.nodes {
		raw, err := os.ReadFile(fmt.Sprintf("../deploy/nats/node%d.conf", i+1))
		if err != nil {
			t.Fatal(err)
		}
		conf := string(raw)
		repl := [][2]string{
			{`"/var/lib/nats/opinionwall"`, fmt.Sprintf("%q", filepath.Join(t.TempDir(), "js"))},
			{"/etc/nats/opinionwall/", caDir + "/"},
			{"listen: 127.0.0.1:4222", "listen: " + n.client},
			{"http: 127.0.0.1:8222", "http: " + n.http},
			{"listen: 0.0.0.0:6222", "listen: " + n.route},
			{"listen: 0.0.0.0:8883", "listen: " + n.mqttAddr},
		}
		for j, o := range c.nodes {
			repl = append(repl, [2]string{fmt.Sprintf("nats-route://10.20.0.1%d:6222", j+1), "nats-route://" + o.route})
		}
		for _, r := range repl {
			if !strings.Contains(conf, r[0]) {
				t.Fatalf("deploy/nats/node%d.conf has no %q", i+1, r[0])
			}
			conf = strings.ReplaceAll(conf, r[0], r[1])
		}
		if edit != nil {
			conf = edit(conf)
		}
		n.conf = filepath.Join(caDir, fmt.Sprintf("node%d.conf", i+1))
		if err := os.WriteFile(n.conf, []byte(conf), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if before != nil {
		before(caDir)
	}
	for _, n := range c.nodes {
		n.start()
		t.Cleanup(func() {
			n.kill()
			if t.Failed() || os.Getenv("OW_NATS_LOG") != "" {
				t.Logf("%s log:\n%s", n.name, n.log())
			}
		})
	}
	for _, n := range c.nodes {
		n.waitHealthy(60 * time.Second)
	}
	return c
}

func (n *natsNode) Write(p []byte) (int, error) {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.logs.Write(p)
}

func (n *natsNode) log() string {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.logs.String()
}

func (n *natsNode) start() {
	n.cmd = exec.Command(n.bin, "-c", n.conf)
	n.cmd.Stdout, n.cmd.Stderr = n, n
	if err := n.cmd.Start(); err != nil {
		n.t.Fatal(err)
	}
}

// kill ends the node with SIGKILL: no goodbye to its routes or clients.
func (n *natsNode) kill() {
	if n.cmd == nil {
		return
	}
	n.cmd.Process.Signal(syscall.SIGKILL)
	n.cmd.Wait()
	n.cmd = nil
}

// waitHealthy waits until the node's /healthz says JetStream is current
// and its MQTT listener takes connections.
func (n *natsNode) waitHealthy(d time.Duration) {
	n.t.Helper()
	eventually(n.t, d, func() bool { return n.healthz() == "" && n.listening() },
		func() string { return n.name + " not healthy: " + n.log() })
}

// healthz is why the node's /healthz fails, "" when it passes.
func (n *natsNode) healthz() string {
	r, err := http.Get("http://" + n.http + "/healthz")
	if err != nil {
		return err.Error()
	}
	defer r.Body.Close()
	if r.StatusCode == http.StatusOK {
		return ""
	}
	b, _ := io.ReadAll(io.LimitReader(r.Body, 1024))
	return string(b)
}

func (n *natsNode) listening() bool {
	c, err := net.Dial("tcp", n.mqttAddr)
	if err == nil {
		c.Close()
	}
	return err == nil
}

// urls lists the nodes' MQTT listeners, starting at node first: a client's
// -broker list.
func (c *natsCluster) urls(first int) string {
	var us []string
	for i := range c.nodes {
		us = append(us, "ssl://"+c.nodes[(first+i)%len(c.nodes)].mqttAddr)
	}
	return strings.Join(us, ",")
}

// tlsFor is user's client TLS: the station's CA and the user's certificate.
func (c *natsCluster) tlsFor(user string) *tls.Config {
	c.t.Helper()
	conf, err := mqtt.TLSConfig(filepath.Join(c.dir, "ca.crt"), filepath.Join(c.dir, "kiosks", user+".crt"), filepath.Join(c.dir, "kiosks", user+".key"))
	if err != nil {
		c.t.Fatal(err)
	}
	return conf
}

// leaderOf is the index of the node leading JetStream stream name, as a
// live node's /jsz says; -1 if none says.
func (c *natsCluster) leaderOf(stream string) int {
	for _, n := range c.nodes {
		if n.cmd == nil {
			continue
		}
		r, err := http.Get("http://" + n.http + "/jsz?accounts=true&streams=true")
		if err != nil {
			continue
		}
		var jsz struct {
			Accounts []struct {
				Streams []struct {
					Name    string `json:"name"`
					Cluster struct {
						Leader string `json:"leader"`
					} `json:"cluster"`
				} `json:"stream_detail"`
			} `json:"account_details"`
		}
		err = json.NewDecoder(r.Body).Decode(&jsz)
		r.Body.Close()
		if err != nil {
			continue
		}
		for _, a := range jsz.Accounts {
			for _, s := range a.Streams {
				for i, o := range c.nodes {
					if s.Name == stream && s.Cluster.Leader == o.name {
						return i
					}
				}
			}
		}
	}
	return -1
}
