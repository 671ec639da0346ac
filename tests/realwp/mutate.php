<?php
/* A week of editing on one site, for the re-crawl test: JSON operations on stdin
 * ({"op": "unpublish"|"private"|"trash"|"edit"|"new", "slug", "title", "append", ...}),
 * done through WordPress's own functions as wp-admin would. */
$_SERVER['HTTP_HOST'] = getenv('REALWP_HOST') . ':' . getenv('REALWP_PORT');
$_SERVER['SERVER_NAME'] = getenv('REALWP_HOST');
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['REQUEST_METHOD'] = 'GET';
$ops = json_decode(stream_get_contents(STDIN), true);
require getenv('REALWP_DOCROOT') . '/wp-load.php';
wp_set_current_user(1);

function post_by_slug($slug) {
    $found = get_posts(['name' => $slug, 'post_type' => 'post', 'post_status' => 'any', 'numberposts' => 1]);
    if (!$found) { fwrite(STDERR, "no post $slug\n"); exit(1); }
    return $found[0];
}

foreach ($ops as $op) {
    switch ($op['op']) {
    case 'unpublish':
        wp_update_post(['ID' => post_by_slug($op['slug'])->ID, 'post_status' => 'draft']);
        break;
    case 'private':
        wp_update_post(['ID' => post_by_slug($op['slug'])->ID, 'post_status' => 'private']);
        break;
    case 'trash':
        wp_trash_post(post_by_slug($op['slug'])->ID);
        break;
    case 'edit':
        $p = post_by_slug($op['slug']);
        wp_update_post(wp_slash(['ID' => $p->ID, 'post_title' => $op['title'] ?? $p->post_title,
                                 'post_content' => $p->post_content . "\n\n" . $op['append']]));
        break;
    case 'new':
        $cat = get_cat_ID($op['category']);
        $id = wp_insert_post(wp_slash(['post_title' => $op['title'], 'post_content' => $op['content'],
                                       'post_status' => 'publish', 'post_name' => $op['slug'],
                                       'post_category' => [$cat], 'post_author' => 1]), true);
        if (is_wp_error($id)) { fwrite(STDERR, $id->get_error_message() . "\n"); exit(1); }
        break;
    }
}
echo "ok";
