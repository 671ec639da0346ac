<?php
/* What the database holds, as WordPress renders it: every published post (permalink,
 * title through the_title's filters, i.e. wptexturize; local and GMT dates; categories)
 * and every row that must never reach the dataset (drafts, private, pending, scheduled,
 * trashed, password-protected posts, revisions, pages, auto-drafts). JSON on stdout. */
$_SERVER['HTTP_HOST'] = getenv('REALWP_HOST') . ':' . getenv('REALWP_PORT');
$_SERVER['SERVER_NAME'] = getenv('REALWP_HOST');
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['REQUEST_METHOD'] = 'GET';
require getenv('REALWP_DOCROOT') . '/wp-load.php';
global $wpdb;
$rows = $wpdb->get_results("SELECT ID, post_type, post_status, post_password, post_name, post_title,
                            post_date, post_date_gmt FROM {$wpdb->posts} ORDER BY ID", ARRAY_A);
$published = [];
$hidden = [];
foreach ($rows as $r) {
    $id = (int) $r['ID'];
    if ($r['post_type'] === 'post' && $r['post_status'] === 'publish' && $r['post_password'] === '') {
        $published[] = [
            'id' => $id,
            'slug' => $r['post_name'],
            'url' => get_permalink($id),
            'title' => get_the_title($id),
            'date' => $r['post_date'],
            'date_gmt' => $r['post_date_gmt'],
            'categories' => array_map(fn($c) => html_entity_decode($c->name, ENT_QUOTES, 'UTF-8'),
                                      get_the_category($id)),
        ];
    } else {
        $hidden[] = [
            'id' => $id,
            'type' => $r['post_type'],
            'status' => $r['post_status'],
            'password' => $r['post_password'] !== '',
            'slug' => $r['post_name'],
            'title' => $r['post_title'],
            'url' => home_url('/?p=' . $id),
            'permalink' => $r['post_type'] === 'revision' ? null : get_permalink($id),
        ];
    }
}
echo json_encode(['home' => home_url('/'), 'language' => get_bloginfo('language'),
                  'theme' => get_stylesheet(), 'classic' => !wp_is_block_theme(),
                  'published' => $published, 'hidden' => $hidden], JSON_UNESCAPED_UNICODE);
