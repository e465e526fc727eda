#!/bin/sh
# Install the portal on a Debian server, step by step as docs/huong-dan-may-chu.md explains.
# Safe to run again: each step is skipped when already done (an upgrade reinstalls the
# Python package only when the repository's commit changed).
#
#   sh deploy/install.sh --repo git@git.example.gov.vn:cat/portal.git --domain congan.example.gov.vn
#   sh deploy/install.sh --prefix /tmp/thu --repo /path/to/repo      (a trial: nothing outside)
#
# Options:
#   --prefix DIR      install under DIR instead of / (no user created, no systemctl, no chown)
#   --repo URL|PATH   the province's repository, cloned into /srv/portal/repo if not there yet:
#                     one made by `portal init` (the portal version pinned in its
#                     requirements.txt is installed) or this repository with its sample
#   --domain NAME     the site's domain, written into nginx's and the counter's configuration
#   --wheelhouse DIR  install Python packages from DIR only (a server without internet: build
#                     DIR elsewhere with `pip download -d DIR -r requirements.txt`)
set -eu

prefix=/
repo=""
domain=congan.example.gov.vn
wheelhouse=""
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) prefix=$2; shift 2 ;;
    --repo) repo=$2; shift 2 ;;
    --domain) domain=$2; shift 2 ;;
    --wheelhouse) wheelhouse=$2; shift 2 ;;
    *) echo "Không hiểu tùy chọn: $1 (xem đầu tệp deploy/install.sh)" >&2; exit 2 ;;
  esac
done
here=$(cd "$(dirname "$0")" && pwd)
prefix=${prefix%/}
home=$prefix/srv/portal
etc=$prefix/etc
trial=true
[ -z "$prefix" ] && trial=false
say() { printf '%s\n' "$*"; }

# 1. The portal user and its folders (/srv/portal: repo, venv, www, .ssh).
if ! $trial && ! id portal >/dev/null 2>&1; then
  useradd --system --home-dir /srv/portal --shell /usr/sbin/nologin portal
  say "Đã tạo người dùng portal."
fi
mkdir -p "$home/www" "$home/.ssh"
chmod 700 "$home/.ssh"

# 2. A key of its own for the git server: add the public key there as a read-only deploy key.
if [ ! -f "$home/.ssh/id_ed25519" ]; then
  ssh-keygen -q -t ed25519 -N "" -C "portal@$(hostname)" -f "$home/.ssh/id_ed25519"
  say "Đã tạo khóa ssh. Thêm khóa công khai sau vào máy chủ git (deploy key, chỉ đọc):"
  cat "$home/.ssh/id_ed25519.pub"
fi

# 3. The repository.
if [ ! -d "$home/repo/.git" ]; then
  if [ -z "$repo" ]; then
    say "Chưa có $home/repo: chạy lại với --repo <địa chỉ kho git>." >&2
    exit 2
  fi
  GIT_SSH_COMMAND="ssh -i $home/.ssh/id_ed25519 -o StrictHostKeyChecking=accept-new -o UserKnownHostsFile=$home/.ssh/known_hosts" \
    git clone -q "$repo" "$home/repo"
  say "Đã lấy kho nội dung về $home/repo."
fi

# 4. Python: a virtual environment with the portal, again only when the commit changed.
commit=$(git -C "$home/repo" rev-parse HEAD)
if [ ! -x "$home/venv/bin/python" ]; then
  python3 -m venv "$home/venv"
fi
if [ -f "$home/repo/pyproject.toml" ]; then  # the portal's own repository, with its sample
  set -- -c "$home/repo/constraints.txt" "$home/repo"
else  # a province's repository (portal init): the portal version its requirements.txt pins
  set -- -r "$home/repo/requirements.txt"
fi
if [ "$(cat "$home/venv/.installed-from" 2>/dev/null || true)" != "$commit" ]; then
  if [ -n "$wheelhouse" ]; then
    "$home/venv/bin/pip" install --quiet --no-index --find-links "$wheelhouse" "$@"
  else
    "$home/venv/bin/pip" install --quiet "$@"
  fi
  printf '%s\n' "$commit" > "$home/venv/.installed-from"
  say "Đã cài portal từ commit $commit."
else
  say "portal đã cài từ commit $commit: không cài lại."
fi

# 5. systemd units and nginx, with this machine's paths and domain.
install_file() {  # source, destination: written only when different
  tmp=$(mktemp)
  sed -e "s|/srv/portal|$home|g" -e "s|congan\.example\.gov\.vn|$domain|g" \
    -e "s|congan\.longan\.example\.vn|$domain|g" -e "s|/etc/nginx|$etc/nginx|g" "$1" > "$tmp"
  if ! cmp -s "$tmp" "$2" 2>/dev/null; then
    mkdir -p "$(dirname "$2")"
    install -m 644 "$tmp" "$2"
    say "Đã ghi $2"
  fi
  rm -f "$tmp"
}
for unit in portal-publish.service portal-publish.timer portal-nginx-reload.path \
    portal-nginx-reload.service portal-counter.service; do
  install_file "$here/$unit" "$etc/systemd/system/$unit"
done
install_file "$here/nginx-portal.conf" "$etc/nginx/conf.d/portal.conf"
install_file "$here/portal-server.conf" "$etc/nginx/portal-server.conf"
install_file "$here/portal-headers.conf" "$etc/nginx/portal-headers.conf"

# 6. The first build and release, then the timer.
if [ ! -e "$home/www/current" ]; then
  (cd "$home/repo" && "$home/venv/bin/portal" build && "$home/venv/bin/portal" publish "$home/www")
fi
if ! $trial; then
  chown -R portal:portal /srv/portal
  systemctl daemon-reload
  systemctl enable --now portal-publish.timer portal-nginx-reload.path
  say "Đã bật bộ hẹn giờ đăng bài. Tiếp theo: chứng chỉ TLS và nginx (docs/huong-dan-may-chu.md)."
fi
say "Xong. Xem tình trạng: $home/venv/bin/portal status $home/www"
