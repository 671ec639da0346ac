<?php
/* Install one WordPress site and write its content, from a JSON spec on stdin
 * (tests/realwp/content.py builds it from the YAML). Prints {"ids": {slug: ID}}.
 * Runs in the CLI with REALWP_DOCROOT / REALWP_HOST / REALWP_PORT set (servers.py). */
$_SERVER['HTTP_HOST'] = getenv('REALWP_HOST') . ':' . getenv('REALWP_PORT');
$_SERVER['SERVER_NAME'] = getenv('REALWP_HOST');
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['REQUEST_METHOD'] = 'GET';
define('WP_INSTALLING', true);
$spec = json_decode(stream_get_contents(STDIN), true);
require getenv('REALWP_DOCROOT') . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/post.php';

function fail($what) { fwrite(STDERR, $what . "\n"); exit(1); }

$site = $spec['site'];
$installed = wp_install($site['title'], 'redakcja', 'redakcja@' . getenv('REALWP_HOST'), true, '',
                        wp_generate_password(20), $site['locale']);
$admin = $installed['user_id'];
wp_set_current_user($admin);
update_option('timezone_string', $site['timezone']);
update_option('WPLANG', $site['locale']);
update_option('blogdescription', $site['tagline']);
update_option('posts_per_page', 10);
update_option('posts_per_rss', 10);
update_option('date_format', $site['date_format']);
update_option('default_pingback_flag', 0);
update_option('default_ping_status', 'closed');
update_option('default_comment_status', 'closed');
if (!wp_get_theme($site['theme'])->exists()) fail("theme {$site['theme']} is not installed");
switch_theme($site['theme']);
global $wp_rewrite;
$wp_rewrite->set_permalink_structure($site['permalinks']);
update_option('category_base', $site['category_base']);

/* the installer's sample post, page and comment are not ours */
foreach (get_posts(['post_type' => ['post', 'page'], 'post_status' => 'any', 'numberposts' => -1]) as $p) {
    if ($p->post_status !== 'draft') {
        wp_delete_post($p->ID, true);
    }
}
$default = get_term(get_option('default_category'), 'category');
wp_update_term($default->term_id, 'category', ['name' => $site['default_category'],
                                                'slug' => sanitize_title($site['default_category'])]);

$cats = [];
foreach ($spec['categories'] as $name) {
    $term = term_exists($name, 'category') ?: wp_insert_term($name, 'category');
    if (is_wp_error($term)) fail("category $name: " . $term->get_error_message());
    $cats[$name] = (int) $term['term_id'];
}

global $wpdb;
$ids = [];
foreach ($spec['posts'] as $p) {
    $status = $p['status'] === 'trash' ? 'publish' : $p['status'];
    $first = $p['versions'][0];
    $arr = [
        'post_type' => $p['type'],
        'post_title' => $first['title'],
        'post_content' => $first['content'],
        'post_excerpt' => $p['excerpt'] ?? '',
        'post_status' => $status,
        'post_date' => $p['date'],
        'post_name' => $p['slug'],
        'post_author' => $admin,
        'comment_status' => 'closed',
        'ping_status' => 'closed',
    ];
    if ($p['type'] === 'post') {
        $arr['post_category'] = array_map(fn($n) => $cats[$n], $p['categories']);
    }
    if ($status === 'draft' || $status === 'pending') {
        $arr['post_date_gmt'] = '0000-00-00 00:00:00';
        $arr['edit_date'] = true;
    }
    $id = wp_insert_post(wp_slash($arr), true);
    if (is_wp_error($id)) fail("post {$p['slug']}: " . $id->get_error_message());
    /* the first revision, as wp-admin leaves it when a post is first saved */
    wp_save_post_revision($id);
    foreach (array_slice($p['versions'], 1) as $v) {
        /* a later edit: WordPress keeps the earlier text as a revision */
        $r = wp_update_post(wp_slash(['ID' => $id, 'post_title' => $v['title'],
                                      'post_content' => $v['content'], 'post_name' => $p['slug']]), true);
        if (is_wp_error($r)) fail("edit {$p['slug']}: " . $r->get_error_message());
    }
    /* as in wp-admin, where a post starts as an auto-draft: its GUID is the ?p= link */
    $wpdb->update($wpdb->posts, ['guid' => home_url('/?p=' . $id)], ['ID' => $id]);
    if (!empty($p['sticky'])) stick_post($id);
    if ($p['status'] === 'trash') wp_trash_post($id);
    if (!empty($p['password'])) wp_update_post(['ID' => $id, 'post_password' => $p['password']]);
    $ids[$p['slug']] = $id;
}
flush_rewrite_rules(false);
echo json_encode(['ids' => $ids]);
