package org.urulink.client;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.urulink.protocol.Attachment;
import org.urulink.protocol.UserInfo;

/** The slash commands of the chat (see {@link SlashCommand#HELP}); on the UI thread, calls in the background. */
final class ChatCommands {
    private final ChatController chat;
    private final ChatController.Deps d;
    private final ChatModel model;

    ChatCommands(ChatController chat, ChatController.Deps deps) {
        this.chat = chat;
        this.d = deps;
        this.model = deps.model();
    }

    void run(String line) {
        SlashCommand cmd = SlashCommand.parse(line).orElseThrow();
        List<String> a = cmd.args();
        switch (cmd.name()) {
            case "help", "h", "?" -> d.out().notice(SlashCommand.HELP);
            case "quit", "q", "exit" -> chat.quit();
            case "open", "o", "msg", "query" -> needs(a.size() == 1, "/open <user|group>", () -> open(a.getFirst()));
            case "group" -> needs(a.size() >= 2, "/group <title> <user>...",
                    () -> group(a.getFirst(), a.subList(1, a.size())));
            case "add", "invite" -> needs(!a.isEmpty(), "/add <user>...", () -> inGroup(c -> chat.command(
                    () -> d.link().addMembers(c.id(), a), info -> {
                        model.put(info);
                        chat.notice("added " + String.join(", ", a) + " to " + c.title());
                    }, e -> chat.notice("cannot add: " + ChatController.reason(e)))));
            case "remove", "kick" -> needs(a.size() == 1, "/remove <user>", () -> inGroup(c -> remove(c, a.getFirst())));
            case "leave", "part" -> inGroup(this::leave);
            case "rename", "title" -> needs(!cmd.rest().isEmpty(), "/rename <title>", () -> inGroup(c -> chat.command(
                    () -> d.link().rename(c.id(), cmd.rest()), info -> {
                        model.put(info);
                        chat.notice("renamed to " + Cells.clean(cmd.rest(), false));
                    }, e -> chat.notice("cannot rename: " + ChatController.reason(e)))));
            case "file", "upload" -> needs(!cmd.rest().isEmpty(), "/file <path>", () -> inConversation(c -> upload(c, cmd.rest())));
            case "download", "save" -> needs(a.size() == 1 || a.size() == 2, "/download <n> [path]",
                    () -> inConversation(c -> download(c, a)));
            case "who", "members" -> inConversation(this::who);
            case "logout" -> chat.command(() -> {
                d.link().logout();
                return true;
            }, ok -> chat.quit(), e -> chat.notice("cannot log out: " + ChatController.reason(e)));
            default -> chat.notice("unknown command /" + cmd.name() + "; F1 or /help lists them");
        }
    }

    private void needs(boolean ok, String usage, Runnable then) {
        if (ok) {
            then.run();
        } else {
            chat.notice("usage: " + usage);
        }
    }

    private void inConversation(java.util.function.Consumer<ConversationState> then) {
        model.selected().ifPresentOrElse(then, () -> chat.notice("no conversation open: /open <user> first"));
    }

    private void inGroup(java.util.function.Consumer<ConversationState> then) {
        inConversation(c -> {
            if (c.isGroup()) {
                then.accept(c);
            } else {
                chat.notice("that works in groups; make one with /group <title> <user>...");
            }
        });
    }

    private void open(String name) {
        Optional<ConversationState> known = model.find(name);
        if (known.isPresent()) {
            chat.select(known.get().id());
            return;
        }
        chat.command(() -> d.link().direct(name), info -> chat.select(model.put(info).id()),
                e -> chat.notice(e instanceof ApiException api && (api.is("unknown_recipient") || api.is("not_found"))
                        ? "no user or group named \"" + name + "\"" : "cannot open " + name + ": " + ChatController.reason(e)));
    }

    private void group(String title, List<String> members) {
        chat.command(() -> d.link().createGroup(title, members), info -> chat.select(model.put(info).id()),
                e -> chat.notice("cannot make the group: " + ChatController.reason(e)));
    }

    private void remove(ConversationState c, String user) {
        String id = c.members().stream().filter(u -> u.username().equalsIgnoreCase(user)).map(UserInfo::id)
                .findFirst().orElse(user);
        chat.command(() -> {
            d.link().removeMember(c.id(), id);
            return d.link().conversation(c.id());
        }, info -> {
            model.put(info);
            chat.notice("removed " + user + " from " + c.title());
        }, e -> chat.notice("cannot remove " + user + ": " + ChatController.reason(e)));
    }

    private void leave(ConversationState c) {
        chat.command(() -> {
            d.link().leave(c.id());
            return true;
        }, ok -> {
            model.remove(c.id());
            chat.notice("you left " + c.title());
        }, e -> chat.notice("cannot leave: " + ChatController.reason(e)));
    }

    private void who(ConversationState c) {
        List<UserInfo> members = c.members();
        chat.command(() -> members.stream().map(u -> {
            try {
                return Optional.of(d.link().user(u.username()));
            } catch (RuntimeException e) {
                return Optional.<UserProfile>empty();
            }
        }).toList(), profiles -> {
            List<String> lines = new ArrayList<>();
            lines.add(c.title() + ": " + members.size() + (members.size() == 1 ? " member" : " members"));
            for (int i = 0; i < members.size(); i++) {
                UserInfo u = members.get(i);
                Optional<UserProfile> p = profiles.get(i);
                p.ifPresent(x -> model.presence(x.id(), x.online()));
                boolean on = model.online(u.id()).orElse(false);
                String you = u.id().equals(model.self().id()) ? " (you)" : "";
                lines.add("  " + (on ? ConversationList.ONLINE : ConversationList.OFFLINE) + " "
                        + Cells.clean(u.username(), false) + " — " + Cells.clean(u.name(), false) + you
                        + (on ? ", online" : p.filter(x -> x.lastSeen() > 0).map(x -> ", last seen "
                        + java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").format(
                                java.time.Instant.ofEpochMilli(x.lastSeen()).atZone(model.zone()))).orElse(", offline")));
            }
            d.out().notice(lines);
        }, e -> chat.notice("cannot list members: " + ChatController.reason(e)));
    }

    // ---- files

    private Path path(String typed) {
        String s = typed.strip();
        if (s.startsWith("~/")) {
            s = System.getProperty("user.home") + s.substring(1);
        }
        return d.workDir().resolve(s).normalize();
    }

    private void upload(ConversationState c, String typed) {
        Path file = path(typed);
        try {
            FileTransfers.readableSize(file);
        } catch (LocalFileException e) {
            chat.notice(e.getMessage());
            return;
        }
        String name = file.getFileName().toString();
        Progress progress = new Progress("↑ " + name);
        chat.inBackground(d.files(), () -> d.link().upload(file, c.id(), progress), a -> {
            model.activity("");
            chat.send(c, "", List.of(a));
        }, e -> {
            model.activity("");
            chat.notice("cannot share " + name + ": " + ChatController.reason(e));
        });
    }

    private void download(ConversationState c, List<String> a) {
        int n;
        try {
            n = Integer.parseInt(a.getFirst());
        } catch (NumberFormatException e) {
            chat.notice("usage: /download <n> [path], n being the number shown beside the file, as in [2]");
            return;
        }
        Optional<Attachment> file = c.file(n);
        if (file.isEmpty()) {
            chat.notice("no file [" + n + "] in " + c.title());
            return;
        }
        String name = FileNames.safe(file.get().name(), "file-" + file.get().fileId());
        Path target = a.size() == 2 ? path(a.get(1)) : d.workDir().resolve(name);
        if (Files.isDirectory(target)) {
            target = target.resolve(name);
        }
        if (Files.exists(target)) {
            chat.notice(target + " exists already; give another path: /download " + n + " <path>");
            return;
        }
        Path to = target;
        Progress progress = new Progress("↓ " + name);
        chat.inBackground(d.files(), () -> d.link().download(file.get().fileId(), to, progress), done -> {
            model.activity("");
            chat.notice("saved " + done.path() + " (" + HumanSize.of(done.size()) + ")");
        }, e -> {
            model.activity("");
            chat.notice("cannot download " + name + ": " + ChatController.reason(e));
        });
    }

    /** A transfer's progress in the status line, updated on the UI thread when the percentage changes. */
    private final class Progress implements TransferListener {
        private final String label;
        private int shown = -1;

        Progress(String label) {
            this.label = label;
        }

        @Override
        public void progress(long done, long total) {
            int percent = total <= 0 ? 100 : (int) (done * 100 / total);
            if (percent != shown) {
                shown = percent;
                String text = label + " " + percent + "% of " + HumanSize.of(total);
                d.loop().execute(() -> model.activity(text));
            }
        }
    }
}
