#!/bin/sh
# Run the shipped nginx configuration on 127.0.0.1 in the foreground, to try a built site
# before deploying it: deploy/try-nginx.sh SITE_DIR PORT [COUNTER_PORT]. Ctrl+C stops it;
# SIGHUP reloads it (after a publish into SITE_DIR, for the maps of old addresses).
set -eu
site=$(cd "$1" && pwd)
port=$2
counter=${3:-8787}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
cp "$here/portal-server.conf" "$here/portal-headers.conf" "$work/"
# Run as root (a container, CI), the workers would drop to "nobody" and could not read a site
# in a private folder: a trial keeps the caller's user.
user=""
if [ "$(id -u)" = 0 ]; then user="user root root;"; fi
cat > "$work/nginx.conf" <<CONF
$user
daemon off;
worker_processes 1;
pid $work/nginx.pid;
error_log stderr warn;
events { worker_connections 1024; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    sendfile on;
    client_body_temp_path $work/body;
    proxy_temp_path $work/proxy;
    fastcgi_temp_path $work/fastcgi;
    uwsgi_temp_path $work/uwsgi;
    scgi_temp_path $work/scgi;
    upstream portal_counter { server 127.0.0.1:$counter; }
    limit_req_zone \$binary_remote_addr zone=portal_counter:1m rate=10r/s;
    map_hash_bucket_size 256;  # an old address may be long (a path of a former portal)
    map_hash_max_size 262144;
    map \$uri \$portal_moved { volatile; default ""; include $site/.portal/moved*.map; }
    map \$uri \$portal_gone { volatile; default ""; include $site/.portal/gone*.map; }
    server {
        listen 127.0.0.1:$port;
        root $site;
        include $work/portal-server.conf;
    }
}
CONF
# portal-server.conf includes portal-headers.conf by name: from the same folder.
sed -i "s|include portal-headers.conf;|include $work/portal-headers.conf;|" "$work/portal-server.conf"
nginx -t -q -c "$work/nginx.conf" -p "$work"
echo "Thử trang tại http://127.0.0.1:$port/ (Ctrl+C để dừng)"
nginx -c "$work/nginx.conf" -p "$work" &
child=$!
trap 'kill $child 2>/dev/null; rm -rf "$work"' EXIT INT TERM
trap 'kill -HUP $child' HUP
# `wait` returns early when a signal is trapped: wait again while nginx runs.
while kill -0 $child 2>/dev/null; do wait $child || true; done
