#!/usr/bin/env bash
# Copies a dependency jar into the image, made cheaper to load:
#  - signature files are dropped: a signed jar on the class path is verified at every start (about 0.3 s for
#    Bouncy Castle), and urulink uses Bouncy Castle's plain API, not as a JCE provider that needs the signature;
#  - the SQLite driver keeps only this platform's native library, which is also unpacked into NATIVE_DIR so
#    the driver loads it from there instead of extracting it to /tmp at every start;
#  - snappy-java (MinIO's, for an upload mode urulink does not use) keeps only this platform's library;
#  - Bouncy Castle keeps only the classes its Argon2 password hashing reaches (server's Passwords.java, the one
#    user of it in urulink and its dependencies; Netty's and OkHttp's optional BC support needs bcpkix/bctls,
#    which are not shipped): about 0.4 MiB of its 6.5.
#   slim-jar.sh IN.jar OUT.jar NATIVE_DIR WORKDIR
set -euo pipefail
in=$1 out=$2 native=$3 work=$4/$(basename "$1")
name=$(basename "$in")
signed=$("$JAVA_HOME/bin/jar" tf "$in" | grep -cE '^META-INF/[^/]+\.(SF|RSA|DSA|EC)$' || true)
case "$name" in sqlite-jdbc-*) sqlite=1 ;; *) sqlite=0 ;; esac
case "$name" in snappy-java-*) snappy=1 ;; *) snappy=0 ;; esac
case "$name" in bcprov-*) bc=1 ;; *) bc=0 ;; esac
# The Bouncy Castle classes urulink names; everything they reach is kept with them.
bc_roots="org.bouncycastle.crypto.generators.Argon2BytesGenerator org.bouncycastle.crypto.params.Argon2Parameters"
if [ "$signed" = 0 ] && [ "$sqlite" = 0 ] && [ "$snappy" = 0 ] && [ "$bc" = 0 ]; then
    cp "$in" "$out"
    exit 0
fi
rm -rf "$work" && mkdir -p "$work/x" && cd "$work/x"
"$JAVA_HOME/bin/jar" xf "$in"
rm -f META-INF/*.SF META-INF/*.RSA META-INF/*.DSA META-INF/*.EC
case "$(uname -m)" in
    x86_64|amd64) arch=x86_64 ;;
    aarch64|arm64) arch=aarch64 ;;
    *) arch="" ;;
esac
if [ "$snappy" = 1 ] && [ -n "$arch" ] && [ -d "org/xerial/snappy/native/Linux/$arch" ]; then
    find org/xerial/snappy/native -mindepth 1 -maxdepth 1 ! -name Linux -exec rm -rf {} +
    find org/xerial/snappy/native/Linux -mindepth 1 -maxdepth 1 ! -name "$arch" -exec rm -rf {} +
fi
if [ "$sqlite" = 1 ]; then
    if [ -n "$arch" ] && [ -f "org/sqlite/native/Linux/$arch/libsqlitejdbc.so" ]; then
        mkdir -p "$native"
        cp "org/sqlite/native/Linux/$arch/libsqlitejdbc.so" "$native/"
        find org/sqlite/native -mindepth 1 -maxdepth 1 ! -name Linux -exec rm -rf {} +
        find org/sqlite/native/Linux -mindepth 1 -maxdepth 1 ! -name "$arch" -exec rm -rf {} +
    fi
fi
if [ "$bc" = 1 ]; then
    # Class-to-class edges inside the jar (jdeps -verbose:class: "A -> B module"), then everything reachable
    # from the roots. Versioned copies of a kept class (META-INF/versions/N/) stay, the provider registration
    # (its class is gone) and the rest go; the licence and the manifest stay.
    "$JAVA_HOME/bin/jdeps" -verbose:class -filter:none -q --ignore-missing-deps . >../edges
    awk -v roots="$bc_roots" '
        $2 == "->" && $3 ~ /^org\.bouncycastle\./ { edges[$1] = edges[$1] " " $3 }
        END {
            n = split(roots, todo, " ")
            for (i = 1; i <= n; i++) seen[todo[i]] = 1
            while (n > 0) {
                m = split(edges[todo[n--]], next_, " ")
                for (j = 1; j <= m; j++)
                    if (!(next_[j] in seen)) { seen[next_[j]] = 1; todo[++n] = next_[j] }
            }
            for (c in seen) { gsub(/\./, "/", c); print c ".class" }
        }' ../edges >../keep
    mkdir ../slim
    while read -r class; do
        for f in "$class" META-INF/versions/*/"$class"; do
            [ -f "$f" ] && cp --parents "$f" ../slim/
        done
    done <../keep
    for root in $bc_roots; do
        [ -f "../slim/$(echo "$root" | tr . /).class" ] \
            || { echo "slim-jar.sh: $root is not in $name; update bc_roots" >&2; exit 1; }
    done
    cp --parents META-INF/MANIFEST.MF META-INF/LICENSE.md ../slim/
    cd ../slim
fi
# The manifest keeps its attributes but loses the per-entry digests that belonged to the signature.
awk '/^Name: /{exit} {print}' META-INF/MANIFEST.MF > ../manifest.mf
rm META-INF/MANIFEST.MF
"$JAVA_HOME/bin/jar" --create --file "$out" --manifest ../manifest.mf -C . .
