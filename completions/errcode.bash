# The words of $1 that start with $2 in any case: errcode looks API 3.0 codes up in any case.
_errcode_words() {
    local word restore
    restore=$(shopt -p nocasematch)
    shopt -s nocasematch
    for word in $1; do
        [[ $word == "$2"* ]] && printf '%s\n' "$word"
    done
    $restore
}

_errcode() {
    local i cur prev opts cmd
    COMPREPLY=()
    compopt -o nosort 2>/dev/null
    if [[ "${BASH_VERSINFO[0]}" -ge 4 ]]; then
        cur="$2"
    else
        cur="${COMP_WORDS[COMP_CWORD]}"
    fi
    prev="$3"
    cmd=""
    opts=""

    for i in "${COMP_WORDS[@]:0:COMP_CWORD}"
    do
        case "${cmd},${i}" in
            ",$1")
                cmd="errcode"
                ;;
            errcode,completions)
                cmd="errcode__subcmd__completions"
                ;;
            errcode,e)
                cmd="errcode__subcmd__explain"
                ;;
            errcode,explain)
                cmd="errcode__subcmd__explain"
                ;;
            errcode,export)
                cmd="errcode__subcmd__export"
                ;;
            errcode,help)
                cmd="errcode__subcmd__help"
                ;;
            errcode,l)
                cmd="errcode__subcmd__lookup"
                ;;
            errcode,list)
                cmd="errcode__subcmd__list"
                ;;
            errcode,lookup)
                cmd="errcode__subcmd__lookup"
                ;;
            errcode,man)
                cmd="errcode__subcmd__man"
                ;;
            errcode,s)
                cmd="errcode__subcmd__search"
                ;;
            errcode,search)
                cmd="errcode__subcmd__search"
                ;;
            errcode__subcmd__help,completions)
                cmd="errcode__subcmd__help__subcmd__completions"
                ;;
            errcode__subcmd__help,explain)
                cmd="errcode__subcmd__help__subcmd__explain"
                ;;
            errcode__subcmd__help,export)
                cmd="errcode__subcmd__help__subcmd__export"
                ;;
            errcode__subcmd__help,help)
                cmd="errcode__subcmd__help__subcmd__help"
                ;;
            errcode__subcmd__help,list)
                cmd="errcode__subcmd__help__subcmd__list"
                ;;
            errcode__subcmd__help,lookup)
                cmd="errcode__subcmd__help__subcmd__lookup"
                ;;
            errcode__subcmd__help,man)
                cmd="errcode__subcmd__help__subcmd__man"
                ;;
            errcode__subcmd__help,search)
                cmd="errcode__subcmd__help__subcmd__search"
                ;;
            *)
                ;;
        esac
    done

    case "${cmd}" in
        errcode)
            opts="200 40001 40002 40003 40004 40005 40006 41301 41601 41602 41603 41604 41605 41606 41607 41608 41609 41610 41611 41612 41613 41614 41615 41616 41617 41618 41619 41620 41621 41622 41623 41624 41625 41626 41627 41628 41629 41630 41631 41632 41633 41634 42205 42206 42207 42501 42502 42503 42504 42505 42506 42507 42508 50000 50001 50002 51601 51602 51603 52501 52502 52503 52504 52505 52506 52507 52508 52509 52510 52511 52512 52513 52514 ActionOffline AuthFailure.InvalidAuthorization AuthFailure.InvalidSecretId AuthFailure.MFAFailure AuthFailure.SecretIdNotFound AuthFailure.SignatureExpire AuthFailure.SignatureFailure AuthFailure.TokenFailure AuthFailure.UnauthorizedOperation ClientError.BuildRequestError ClientError.CircuitBreakerError ClientError.HttpStatusCodeError ClientError.IOError ClientError.NetworkError ClientError.ParseJsonError ClientError.TypeError ClientNetworkError ClientParamsError ClientSideError DryRunOperation FailedOperation FailedOperation.DatabaseError FailedOperation.DeviceResponseTimeOut FailedOperation.DeviceResultTimeOut FailedOperation.NotHaveSubUser FailedOperation.RequestTimeout InternalError InternalError.ServerInternalError InvalidAction InvalidParameter InvalidParameter.DownloadUrlError InvalidParameter.DownloadUrlHasExpired InvalidParameter.InvalidAction InvalidParameter.InvalidBodyFormat InvalidParameter.InvalidChannels InvalidParameter.InvalidLifeRuleParam InvalidParameter.InvalidOrganizationParam InvalidParameter.InvalidParameter InvalidParameter.InvalidParameterFormat InvalidParameter.InvalidTimeSection InvalidParameter.RequiredHeaderParameterEmpty InvalidParameter.TaskIdNotExist InvalidParameterValue InvalidParameterValue.BakTimeNotEnough InvalidParameterValue.ChannelsExceedsRange InvalidParameterValue.ContainInvalidChannelId InvalidParameterValue.ContainInvalidDeviceId InvalidParameterValue.DataOutOfRange InvalidParameterValue.DeviceMismatchChannel InvalidParameterValue.EmptyChannelId InvalidParameterValue.EmptyDeviceId InvalidParameterValue.EmptyName InvalidParameterValue.EmptyOrganizationId InvalidParameterValue.EmptyTemplateId InvalidParameterValue.EndTimeZero InvalidParameterValue.IllegalChannelId InvalidParameterValue.IllegalDescribe InvalidParameterValue.IllegalDeviceId InvalidParameterValue.IllegalName InvalidParameterValue.IllegalOrganizationId InvalidParameterValue.IllegalStreamType InvalidParameterValue.InvalidAccessProtocol InvalidParameterValue.InvalidBeginTime InvalidParameterValue.InvalidChannelId InvalidParameterValue.InvalidChannelIdOrDeviceId InvalidParameterValue.InvalidChannelName InvalidParameterValue.InvalidClusterId InvalidParameterValue.InvalidDescription InvalidParameterValue.InvalidDeviceId InvalidParameterValue.InvalidDeviceName InvalidParameterValue.InvalidDevicePasswordLength InvalidParameterValue.InvalidDeviceStatus InvalidParameterValue.InvalidDeviceType InvalidParameterValue.InvalidDomainType InvalidParameterValue.InvalidEnalbeValue InvalidParameterValue.InvalidEndTime InvalidParameterValue.InvalidExpiration InvalidParameterValue.InvalidExpirationRange InvalidParameterValue.InvalidFileType InvalidParameterValue.InvalidGatewayProtocolType InvalidParameterValue.InvalidIpv4 InvalidParameterValue.InvalidKeyword InvalidParameterValue.InvalidName InvalidParameterValue.InvalidOrgName InvalidParameterValue.InvalidOrganizationId InvalidParameterValue.InvalidPageNumber InvalidParameterValue.InvalidPageParameter InvalidParameterValue.InvalidPageSize InvalidParameterValue.InvalidPlanId InvalidParameterValue.InvalidPullState InvalidParameterValue.InvalidPushState InvalidParameterValue.InvalidRTMPAppName InvalidParameterValue.InvalidRTMPStreamName InvalidParameterValue.InvalidRepairMode InvalidParameterValue.InvalidRetrievalMode InvalidParameterValue.InvalidRetrieveTaskId InvalidParameterValue.InvalidSecret InvalidParameterValue.InvalidStartTimeOrEndTime InvalidParameterValue.InvalidStatus InvalidParameterValue.InvalidStreamType InvalidParameterValue.InvalidTemplateId InvalidParameterValue.InvalidTimeFormat InvalidParameterValue.InvalidTimeSectionValue InvalidParameterValue.InvalidTransitionRange InvalidParameterValue.InvalidUserParam InvalidParameterValue.InvalidUsername InvalidParameterValue.LimitRepairTransition InvalidParameterValue.NonSameDay InvalidParameterValue.OrgNameRepeat InvalidParameterValue.OrganizationCountExceedsRange InvalidParameterValue.OutOfTimeRange InvalidParameterValue.PageSizeExceedLimit InvalidParameterValue.PlanChannelsExceedsRange InvalidParameterValue.PlanNameRepeat InvalidParameterValue.RTMPPushStreamParamRepeat InvalidParameterValue.RetrieveTaskChannelsExceedsRange InvalidParameterValue.StartOverEndTime InvalidParameterValue.StartOverNowTime InvalidParameterValue.StartTimeGreaterThanOrEqualEndTime InvalidParameterValue.StartTimeZero InvalidParameterValue.TaskTypeNotSupported InvalidParameterValue.TimeLessThanTenMinutes InvalidParameterValue.TooLongDescribe InvalidParameterValue.TooLongName InvalidParameterValue.TooLongStreamType InvalidParameterValue.UnSupportOperateCMD InvalidParameterValue.UnSupportScale InvalidParameterValue.UnSupportedAccessType InvalidParameterValue.UnSupportedPTZCMD InvalidParameterValue.UnSupportedPresetCMD InvalidParameterValue.UnSupportedScaleParam InvalidParameterValue.UnsupportedStreamProtocol InvalidRequest IpInBlacklist IpNotInWhitelist LimitExceeded LimitExceeded.ChannelNumExceeded LimitExceeded.DeiceIdQuantityExceededLimit LimitExceeded.GBDeviceNumExceeded MissingParameter MissingParameter.EmptyTimeSection MissingParameter.MissingLifeRuleParam MissingParameter.MissingMustParameter MissingParameter.MissingRetrieveTaskParam MissingParameter.MissingUpdatedInfo MissingParameter.MissingUserInfo NoSuchProduct NoSuchVersion OperationDenied.BandwidthLimitZero OperationDenied.ConcurrentDownloadsOverLimit OperationDenied.ConnectsLimitZero OperationDenied.ExceededMaximumDepth OperationDenied.NoWhitelist OperationDenied.PlayAuthNotEnabled RegionError.ResourceUnreachable RequestLimitExceeded RequestLimitExceeded.GlobalRegionUinLimitExceeded RequestLimitExceeded.IPLimitExceeded RequestLimitExceeded.UinLimitExceeded RequestSizeLimitExceeded ResourceInUse ResourceInUse.ChannelRepeatAdd ResourceInUse.PlanDeleting ResourceInUse.PlanLinkTemplate ResourceInUse.PlanNameRepeat ResourceInUse.RetrieveTaskExecuting ResourceInUse.RetrieveTaskNameRepeat ResourceInUse.TemplateNameRepeat ResourceInsufficient ResourceNotFound ResourceNotFound.ChannelNotExist ResourceNotFound.DeviceNotExist ResourceNotFound.NotFoundCluster ResourceNotFound.OrganizationIdNotExist ResourceNotFound.PlanNotExist ResourceNotFound.RetrieveTaskNotExist ResourceNotFound.StreamNotExistOrClose ResourceNotFound.TemplateNotExist ResourceNotFound.VideoNotFound ResourceUnavailable ResourceUnavailable.ChannelOffline ResourceUnavailable.DevDisable ResourceUnavailable.DevNoRegister ResourceUnavailable.DevOffline ResourceUnavailable.VideoArchived ResponseSizeLimitExceeded ServerNetworkError ServerSideError ServiceUnavailable UnauthorizedOperation UnknownParameter UnsupportedOperation UnsupportedOperation.OrgLinkDev UnsupportedOperation.OrgLinkOrg UnsupportedOperation.PushDomainNotExist UnsupportedOperation.ScaleAndPosBothExist UnsupportedOperation.StreamTypeOrResolution UnsupportedOperation.UnopenedIntranetServicesInRegion UnsupportedProtocol UnsupportedRegion export completions man lookup l list search s explain e help -f -h -V --format --color --lang --table --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 1 ]] ; then
                COMPREPLY=( $(_errcode_words "${opts}" "${cur}") )
                return 0
            fi
            case "${prev}" in
                --format)
                    COMPREPLY=($(compgen -W "table plain json human github markdown csv tsv ndjson bulk sql" -- "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -W "table plain json human github markdown csv tsv ndjson bulk sql" -- "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --lang)
                    COMPREPLY=($(compgen -W "zh en" -- "${cur}"))
                    return 0
                    ;;
                --table)
                    local oldifs
                    if [ -n "${IFS+x}" ]; then
                        oldifs="$IFS"
                    fi
                    IFS=$'\n'
                    COMPREPLY=($(compgen -f "${cur}"))
                    if [ -n "${oldifs+x}" ]; then
                        IFS="$oldifs"
                    fi
                    if [[ "${BASH_VERSINFO[0]}" -ge 4 ]]; then
                        compopt -o filenames
                    fi
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(_errcode_words "${opts}" "${cur}") )
            return 0
            ;;
        errcode__subcmd__completions)
            opts="bash elvish fish powershell zsh -f -h --format --color --lang --table --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --format)
                    COMPREPLY=($(compgen -W "table plain json human github markdown csv tsv ndjson bulk sql" -- "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -W "table plain json human github markdown csv tsv ndjson bulk sql" -- "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --lang)
                    COMPREPLY=($(compgen -W "zh en" -- "${cur}"))
                    return 0
                    ;;
                --table)
                    local oldifs
                    if [ -n "${IFS+x}" ]; then
                        oldifs="$IFS"
                    fi
                    IFS=$'\n'
                    COMPREPLY=($(compgen -f "${cur}"))
                    if [ -n "${oldifs+x}" ]; then
                        IFS="$oldifs"
                    fi
                    if [[ "${BASH_VERSINFO[0]}" -ge 4 ]]; then
                        compopt -o filenames
                    fi
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        errcode__subcmd__explain)
            opts="-q -v -f -h --summary --check --quiet --errors --retry --verbose --paging --group --diff --live --status --since --until --by --top --category --format --color --lang --table --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --retry)
                    COMPREPLY=($(compgen -W "never after-fix backoff" -- "${cur}"))
                    return 0
                    ;;
                --paging)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --group)
                    COMPREPLY=($(compgen -W "category retry" -- "${cur}"))
                    return 0
                    ;;
                --diff)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --status)
                    COMPREPLY=($(_errcode_words "200 40001 40002 40003 40004 40005 40006 41301 41601 41602 41603 41604 41605 41606 41607 41608 41609 41610 41611 41612 41613 41614 41615 41616 41617 41618 41619 41620 41621 41622 41623 41624 41625 41626 41627 41628 41629 41630 41631 41632 41633 41634 42205 42206 42207 42501 42502 42503 42504 42505 42506 42507 42508 50000 50001 50002 51601 51602 51603 52501 52502 52503 52504 52505 52506 52507 52508 52509 52510 52511 52512 52513 52514 ActionOffline AuthFailure.InvalidAuthorization AuthFailure.InvalidSecretId AuthFailure.MFAFailure AuthFailure.SecretIdNotFound AuthFailure.SignatureExpire AuthFailure.SignatureFailure AuthFailure.TokenFailure AuthFailure.UnauthorizedOperation ClientError.BuildRequestError ClientError.CircuitBreakerError ClientError.HttpStatusCodeError ClientError.IOError ClientError.NetworkError ClientError.ParseJsonError ClientError.TypeError ClientNetworkError ClientParamsError ClientSideError DryRunOperation FailedOperation FailedOperation.DatabaseError FailedOperation.DeviceResponseTimeOut FailedOperation.DeviceResultTimeOut FailedOperation.NotHaveSubUser FailedOperation.RequestTimeout InternalError InternalError.ServerInternalError InvalidAction InvalidParameter InvalidParameter.DownloadUrlError InvalidParameter.DownloadUrlHasExpired InvalidParameter.InvalidAction InvalidParameter.InvalidBodyFormat InvalidParameter.InvalidChannels InvalidParameter.InvalidLifeRuleParam InvalidParameter.InvalidOrganizationParam InvalidParameter.InvalidParameter InvalidParameter.InvalidParameterFormat InvalidParameter.InvalidTimeSection InvalidParameter.RequiredHeaderParameterEmpty InvalidParameter.TaskIdNotExist InvalidParameterValue InvalidParameterValue.BakTimeNotEnough InvalidParameterValue.ChannelsExceedsRange InvalidParameterValue.ContainInvalidChannelId InvalidParameterValue.ContainInvalidDeviceId InvalidParameterValue.DataOutOfRange InvalidParameterValue.DeviceMismatchChannel InvalidParameterValue.EmptyChannelId InvalidParameterValue.EmptyDeviceId InvalidParameterValue.EmptyName InvalidParameterValue.EmptyOrganizationId InvalidParameterValue.EmptyTemplateId InvalidParameterValue.EndTimeZero InvalidParameterValue.IllegalChannelId InvalidParameterValue.IllegalDescribe InvalidParameterValue.IllegalDeviceId InvalidParameterValue.IllegalName InvalidParameterValue.IllegalOrganizationId InvalidParameterValue.IllegalStreamType InvalidParameterValue.InvalidAccessProtocol InvalidParameterValue.InvalidBeginTime InvalidParameterValue.InvalidChannelId InvalidParameterValue.InvalidChannelIdOrDeviceId InvalidParameterValue.InvalidChannelName InvalidParameterValue.InvalidClusterId InvalidParameterValue.InvalidDescription InvalidParameterValue.InvalidDeviceId InvalidParameterValue.InvalidDeviceName InvalidParameterValue.InvalidDevicePasswordLength InvalidParameterValue.InvalidDeviceStatus InvalidParameterValue.InvalidDeviceType InvalidParameterValue.InvalidDomainType InvalidParameterValue.InvalidEnalbeValue InvalidParameterValue.InvalidEndTime InvalidParameterValue.InvalidExpiration InvalidParameterValue.InvalidExpirationRange InvalidParameterValue.InvalidFileType InvalidParameterValue.InvalidGatewayProtocolType InvalidParameterValue.InvalidIpv4 InvalidParameterValue.InvalidKeyword InvalidParameterValue.InvalidName InvalidParameterValue.InvalidOrgName InvalidParameterValue.InvalidOrganizationId InvalidParameterValue.InvalidPageNumber InvalidParameterValue.InvalidPageParameter InvalidParameterValue.InvalidPageSize InvalidParameterValue.InvalidPlanId InvalidParameterValue.InvalidPullState InvalidParameterValue.InvalidPushState InvalidParameterValue.InvalidRTMPAppName InvalidParameterValue.InvalidRTMPStreamName InvalidParameterValue.InvalidRepairMode InvalidParameterValue.InvalidRetrievalMode InvalidParameterValue.InvalidRetrieveTaskId InvalidParameterValue.InvalidSecret InvalidParameterValue.InvalidStartTimeOrEndTime InvalidParameterValue.InvalidStatus InvalidParameterValue.InvalidStreamType InvalidParameterValue.InvalidTemplateId InvalidParameterValue.InvalidTimeFormat InvalidParameterValue.InvalidTimeSectionValue InvalidParameterValue.InvalidTransitionRange InvalidParameterValue.InvalidUserParam InvalidParameterValue.InvalidUsername InvalidParameterValue.LimitRepairTransition InvalidParameterValue.NonSameDay InvalidParameterValue.OrgNameRepeat InvalidParameterValue.OrganizationCountExceedsRange InvalidParameterValue.OutOfTimeRange InvalidParameterValue.PageSizeExceedLimit InvalidParameterValue.PlanChannelsExceedsRange InvalidParameterValue.PlanNameRepeat InvalidParameterValue.RTMPPushStreamParamRepeat InvalidParameterValue.RetrieveTaskChannelsExceedsRange InvalidParameterValue.StartOverEndTime InvalidParameterValue.StartOverNowTime InvalidParameterValue.StartTimeGreaterThanOrEqualEndTime InvalidParameterValue.StartTimeZero InvalidParameterValue.TaskTypeNotSupported InvalidParameterValue.TimeLessThanTenMinutes InvalidParameterValue.TooLongDescribe InvalidParameterValue.TooLongName InvalidParameterValue.TooLongStreamType InvalidParameterValue.UnSupportOperateCMD InvalidParameterValue.UnSupportScale InvalidParameterValue.UnSupportedAccessType InvalidParameterValue.UnSupportedPTZCMD InvalidParameterValue.UnSupportedPresetCMD InvalidParameterValue.UnSupportedScaleParam InvalidParameterValue.UnsupportedStreamProtocol InvalidRequest IpInBlacklist IpNotInWhitelist LimitExceeded LimitExceeded.ChannelNumExceeded LimitExceeded.DeiceIdQuantityExceededLimit LimitExceeded.GBDeviceNumExceeded MissingParameter MissingParameter.EmptyTimeSection MissingParameter.MissingLifeRuleParam MissingParameter.MissingMustParameter MissingParameter.MissingRetrieveTaskParam MissingParameter.MissingUpdatedInfo MissingParameter.MissingUserInfo NoSuchProduct NoSuchVersion OperationDenied.BandwidthLimitZero OperationDenied.ConcurrentDownloadsOverLimit OperationDenied.ConnectsLimitZero OperationDenied.ExceededMaximumDepth OperationDenied.NoWhitelist OperationDenied.PlayAuthNotEnabled RegionError.ResourceUnreachable RequestLimitExceeded RequestLimitExceeded.GlobalRegionUinLimitExceeded RequestLimitExceeded.IPLimitExceeded RequestLimitExceeded.UinLimitExceeded RequestSizeLimitExceeded ResourceInUse ResourceInUse.ChannelRepeatAdd ResourceInUse.PlanDeleting ResourceInUse.PlanLinkTemplate ResourceInUse.PlanNameRepeat ResourceInUse.RetrieveTaskExecuting ResourceInUse.RetrieveTaskNameRepeat ResourceInUse.TemplateNameRepeat ResourceInsufficient ResourceNotFound ResourceNotFound.ChannelNotExist ResourceNotFound.DeviceNotExist ResourceNotFound.NotFoundCluster ResourceNotFound.OrganizationIdNotExist ResourceNotFound.PlanNotExist ResourceNotFound.RetrieveTaskNotExist ResourceNotFound.StreamNotExistOrClose ResourceNotFound.TemplateNotExist ResourceNotFound.VideoNotFound ResourceUnavailable ResourceUnavailable.ChannelOffline ResourceUnavailable.DevDisable ResourceUnavailable.DevNoRegister ResourceUnavailable.DevOffline ResourceUnavailable.VideoArchived ResponseSizeLimitExceeded ServerNetworkError ServerSideError ServiceUnavailable UnauthorizedOperation UnknownParameter UnsupportedOperation UnsupportedOperation.OrgLinkDev UnsupportedOperation.OrgLinkOrg UnsupportedOperation.PushDomainNotExist UnsupportedOperation.ScaleAndPosBothExist UnsupportedOperation.StreamTypeOrResolution UnsupportedOperation.UnopenedIntranetServicesInRegion UnsupportedProtocol UnsupportedRegion" "${cur}"))
                    return 0
                    ;;
                --since)
                    COMPREPLY=("${cur}")
                    if [[ "${BASH_VERSINFO[0]}" -ge 4 ]]; then
                        compopt -o nospace
                    fi
                    return 0
                    ;;
                --until)
                    COMPREPLY=("${cur}")
                    if [[ "${BASH_VERSINFO[0]}" -ge 4 ]]; then
                        compopt -o nospace
                    fi
                    return 0
                    ;;
                --by)
                    COMPREPLY=("${cur}")
                    if [[ "${BASH_VERSINFO[0]}" -ge 4 ]]; then
                        compopt -o nospace
                    fi
                    return 0
                    ;;
                --top)
                    COMPREPLY=("${cur}")
                    if [[ "${BASH_VERSINFO[0]}" -ge 4 ]]; then
                        compopt -o nospace
                    fi
                    return 0
                    ;;
                --category)
                    COMPREPLY=($(compgen -W "auth certificate channel client device domain download feature gateway http import internal network organisation parameter quota rate-limit recording request resource stream success" -- "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -W "table plain json human github markdown csv tsv ndjson bulk sql" -- "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -W "table plain json human github markdown csv tsv ndjson bulk sql" -- "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --lang)
                    COMPREPLY=($(compgen -W "zh en" -- "${cur}"))
                    return 0
                    ;;
                --table)
                    local oldifs
                    if [ -n "${IFS+x}" ]; then
                        oldifs="$IFS"
                    fi
                    IFS=$'\n'
                    COMPREPLY=($(compgen -f "${cur}"))
                    if [ -n "${oldifs+x}" ]; then
                        IFS="$oldifs"
                    fi
                    if [[ "${BASH_VERSINFO[0]}" -ge 4 ]]; then
                        compopt -o filenames
                    fi
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        errcode__subcmd__export)
            opts="-f -h --dialect --format --color --lang --table --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --dialect)
                    COMPREPLY=($(compgen -W "sqlite duckdb clickhouse" -- "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -W "table plain json human github markdown csv tsv ndjson bulk sql" -- "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -W "table plain json human github markdown csv tsv ndjson bulk sql" -- "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --lang)
                    COMPREPLY=($(compgen -W "zh en" -- "${cur}"))
                    return 0
                    ;;
                --table)
                    local oldifs
                    if [ -n "${IFS+x}" ]; then
                        oldifs="$IFS"
                    fi
                    IFS=$'\n'
                    COMPREPLY=($(compgen -f "${cur}"))
                    if [ -n "${oldifs+x}" ]; then
                        IFS="$oldifs"
                    fi
                    if [[ "${BASH_VERSINFO[0]}" -ge 4 ]]; then
                        compopt -o filenames
                    fi
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        errcode__subcmd__help)
            opts="export completions man lookup list search explain help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        errcode__subcmd__help__subcmd__completions)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        errcode__subcmd__help__subcmd__explain)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        errcode__subcmd__help__subcmd__export)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        errcode__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        errcode__subcmd__help__subcmd__list)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        errcode__subcmd__help__subcmd__lookup)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        errcode__subcmd__help__subcmd__man)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        errcode__subcmd__help__subcmd__search)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        errcode__subcmd__list)
            opts="200 40001 40002 40003 40004 40005 40006 41301 41601 41602 41603 41604 41605 41606 41607 41608 41609 41610 41611 41612 41613 41614 41615 41616 41617 41618 41619 41620 41621 41622 41623 41624 41625 41626 41627 41628 41629 41630 41631 41632 41633 41634 42205 42206 42207 42501 42502 42503 42504 42505 42506 42507 42508 50000 50001 50002 51601 51602 51603 52501 52502 52503 52504 52505 52506 52507 52508 52509 52510 52511 52512 52513 52514 ActionOffline AuthFailure.InvalidAuthorization AuthFailure.InvalidSecretId AuthFailure.MFAFailure AuthFailure.SecretIdNotFound AuthFailure.SignatureExpire AuthFailure.SignatureFailure AuthFailure.TokenFailure AuthFailure.UnauthorizedOperation ClientError.BuildRequestError ClientError.CircuitBreakerError ClientError.HttpStatusCodeError ClientError.IOError ClientError.NetworkError ClientError.ParseJsonError ClientError.TypeError ClientNetworkError ClientParamsError ClientSideError DryRunOperation FailedOperation FailedOperation.DatabaseError FailedOperation.DeviceResponseTimeOut FailedOperation.DeviceResultTimeOut FailedOperation.NotHaveSubUser FailedOperation.RequestTimeout InternalError InternalError.ServerInternalError InvalidAction InvalidParameter InvalidParameter.DownloadUrlError InvalidParameter.DownloadUrlHasExpired InvalidParameter.InvalidAction InvalidParameter.InvalidBodyFormat InvalidParameter.InvalidChannels InvalidParameter.InvalidLifeRuleParam InvalidParameter.InvalidOrganizationParam InvalidParameter.InvalidParameter InvalidParameter.InvalidParameterFormat InvalidParameter.InvalidTimeSection InvalidParameter.RequiredHeaderParameterEmpty InvalidParameter.TaskIdNotExist InvalidParameterValue InvalidParameterValue.BakTimeNotEnough InvalidParameterValue.ChannelsExceedsRange InvalidParameterValue.ContainInvalidChannelId InvalidParameterValue.ContainInvalidDeviceId InvalidParameterValue.DataOutOfRange InvalidParameterValue.DeviceMismatchChannel InvalidParameterValue.EmptyChannelId InvalidParameterValue.EmptyDeviceId InvalidParameterValue.EmptyName InvalidParameterValue.EmptyOrganizationId InvalidParameterValue.EmptyTemplateId InvalidParameterValue.EndTimeZero InvalidParameterValue.IllegalChannelId InvalidParameterValue.IllegalDescribe InvalidParameterValue.IllegalDeviceId InvalidParameterValue.IllegalName InvalidParameterValue.IllegalOrganizationId InvalidParameterValue.IllegalStreamType InvalidParameterValue.InvalidAccessProtocol InvalidParameterValue.InvalidBeginTime InvalidParameterValue.InvalidChannelId InvalidParameterValue.InvalidChannelIdOrDeviceId InvalidParameterValue.InvalidChannelName InvalidParameterValue.InvalidClusterId InvalidParameterValue.InvalidDescription InvalidParameterValue.InvalidDeviceId InvalidParameterValue.InvalidDeviceName InvalidParameterValue.InvalidDevicePasswordLength InvalidParameterValue.InvalidDeviceStatus InvalidParameterValue.InvalidDeviceType InvalidParameterValue.InvalidDomainType InvalidParameterValue.InvalidEnalbeValue InvalidParameterValue.InvalidEndTime InvalidParameterValue.InvalidExpiration InvalidParameterValue.InvalidExpirationRange InvalidParameterValue.InvalidFileType InvalidParameterValue.InvalidGatewayProtocolType InvalidParameterValue.InvalidIpv4 InvalidParameterValue.InvalidKeyword InvalidParameterValue.InvalidName InvalidParameterValue.InvalidOrgName InvalidParameterValue.InvalidOrganizationId InvalidParameterValue.InvalidPageNumber InvalidParameterValue.InvalidPageParameter InvalidParameterValue.InvalidPageSize InvalidParameterValue.InvalidPlanId InvalidParameterValue.InvalidPullState InvalidParameterValue.InvalidPushState InvalidParameterValue.InvalidRTMPAppName InvalidParameterValue.InvalidRTMPStreamName InvalidParameterValue.InvalidRepairMode InvalidParameterValue.InvalidRetrievalMode InvalidParameterValue.InvalidRetrieveTaskId InvalidParameterValue.InvalidSecret InvalidParameterValue.InvalidStartTimeOrEndTime InvalidParameterValue.InvalidStatus InvalidParameterValue.InvalidStreamType InvalidParameterValue.InvalidTemplateId InvalidParameterValue.InvalidTimeFormat InvalidParameterValue.InvalidTimeSectionValue InvalidParameterValue.InvalidTransitionRange InvalidParameterValue.InvalidUserParam InvalidParameterValue.InvalidUsername InvalidParameterValue.LimitRepairTransition InvalidParameterValue.NonSameDay InvalidParameterValue.OrgNameRepeat InvalidParameterValue.OrganizationCountExceedsRange InvalidParameterValue.OutOfTimeRange InvalidParameterValue.PageSizeExceedLimit InvalidParameterValue.PlanChannelsExceedsRange InvalidParameterValue.PlanNameRepeat InvalidParameterValue.RTMPPushStreamParamRepeat InvalidParameterValue.RetrieveTaskChannelsExceedsRange InvalidParameterValue.StartOverEndTime InvalidParameterValue.StartOverNowTime InvalidParameterValue.StartTimeGreaterThanOrEqualEndTime InvalidParameterValue.StartTimeZero InvalidParameterValue.TaskTypeNotSupported InvalidParameterValue.TimeLessThanTenMinutes InvalidParameterValue.TooLongDescribe InvalidParameterValue.TooLongName InvalidParameterValue.TooLongStreamType InvalidParameterValue.UnSupportOperateCMD InvalidParameterValue.UnSupportScale InvalidParameterValue.UnSupportedAccessType InvalidParameterValue.UnSupportedPTZCMD InvalidParameterValue.UnSupportedPresetCMD InvalidParameterValue.UnSupportedScaleParam InvalidParameterValue.UnsupportedStreamProtocol InvalidRequest IpInBlacklist IpNotInWhitelist LimitExceeded LimitExceeded.ChannelNumExceeded LimitExceeded.DeiceIdQuantityExceededLimit LimitExceeded.GBDeviceNumExceeded MissingParameter MissingParameter.EmptyTimeSection MissingParameter.MissingLifeRuleParam MissingParameter.MissingMustParameter MissingParameter.MissingRetrieveTaskParam MissingParameter.MissingUpdatedInfo MissingParameter.MissingUserInfo NoSuchProduct NoSuchVersion OperationDenied.BandwidthLimitZero OperationDenied.ConcurrentDownloadsOverLimit OperationDenied.ConnectsLimitZero OperationDenied.ExceededMaximumDepth OperationDenied.NoWhitelist OperationDenied.PlayAuthNotEnabled RegionError.ResourceUnreachable RequestLimitExceeded RequestLimitExceeded.GlobalRegionUinLimitExceeded RequestLimitExceeded.IPLimitExceeded RequestLimitExceeded.UinLimitExceeded RequestSizeLimitExceeded ResourceInUse ResourceInUse.ChannelRepeatAdd ResourceInUse.PlanDeleting ResourceInUse.PlanLinkTemplate ResourceInUse.PlanNameRepeat ResourceInUse.RetrieveTaskExecuting ResourceInUse.RetrieveTaskNameRepeat ResourceInUse.TemplateNameRepeat ResourceInsufficient ResourceNotFound ResourceNotFound.ChannelNotExist ResourceNotFound.DeviceNotExist ResourceNotFound.NotFoundCluster ResourceNotFound.OrganizationIdNotExist ResourceNotFound.PlanNotExist ResourceNotFound.RetrieveTaskNotExist ResourceNotFound.StreamNotExistOrClose ResourceNotFound.TemplateNotExist ResourceNotFound.VideoNotFound ResourceUnavailable ResourceUnavailable.ChannelOffline ResourceUnavailable.DevDisable ResourceUnavailable.DevNoRegister ResourceUnavailable.DevOffline ResourceUnavailable.VideoArchived ResponseSizeLimitExceeded ServerNetworkError ServerSideError ServiceUnavailable UnauthorizedOperation UnknownParameter UnsupportedOperation UnsupportedOperation.OrgLinkDev UnsupportedOperation.OrgLinkOrg UnsupportedOperation.PushDomainNotExist UnsupportedOperation.ScaleAndPosBothExist UnsupportedOperation.StreamTypeOrResolution UnsupportedOperation.UnopenedIntranetServicesInRegion UnsupportedProtocol UnsupportedRegion -f -h --retry --show-source --api --twins --see-also --http --category --action --format --color --lang --table --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(_errcode_words "${opts}" "${cur}") )
                return 0
            fi
            case "${prev}" in
                --retry)
                    COMPREPLY=($(compgen -W "never after-fix backoff" -- "${cur}"))
                    return 0
                    ;;
                --api)
                    COMPREPLY=($(compgen -W "legacy v3" -- "${cur}"))
                    return 0
                    ;;
                --http)
                    COMPREPLY=($(compgen -W "200 400 402 403 456" -- "${cur}"))
                    return 0
                    ;;
                --category)
                    COMPREPLY=($(compgen -W "auth certificate channel client device domain download feature gateway http import internal network organisation parameter quota rate-limit recording request resource stream success" -- "${cur}"))
                    return 0
                    ;;
                --action)
                    COMPREPLY=($(compgen -W "AddOrganization AddRecordBackupPlan AddRecordBackupTemplate AddRecordPlan AddRecordRetrieveTask AddRecordTemplate AddStreamAuth AddUserDevice BatchDeleteVideoDownloadTask BatchOperateDevice CallISAPI ControlDevicePTZ ControlDevicePreset ControlDeviceSnapshot ControlDeviceStream ControlRecord ControlRecordTimeline CreateVideoDownloadTask DeleteDomain DeleteOrganization DeleteRecordBackupPlan DeleteRecordBackupTemplate DeleteRecordPlan DeleteRecordRetrieveTask DeleteRecordTemplate DeleteTask DeleteUserDevice DescribeCNAME DescribeDeviceChannel DescribeDevicePreset DescribeDeviceRegion DescribeDomain DescribeDomainRegion DescribeGBDeviceAddr DescribeOrganization DescribeRecordBackupPlan DescribeRecordBackupTemplate DescribeRecordFile DescribeRecordPlan DescribeRecordPlaybackUrl DescribeRecordRetrieveTask DescribeRecordSlice DescribeRecordTemplate DescribeStreamAuth DescribeTask DescribeUserDevice DescribeUserDeviceList DescribeVideoBitRate DescribeVideoDownloadUrl ListDeviceSnapshots ListDevices ListOrganizationChannelNumbers ListOrganizationChannels ListRecordBackupPlanDevices ListRecordBackupPlans ListRecordBackupTemplates ListRecordPlanChannels ListRecordPlanDevices ListRecordPlans ListRecordRetrieveTasks ListRecordTemplates ListSubTasks ListTasks ListVideoDownloadTask PlayRecord QueryForbidPlayChannelList RefreshDeviceChannel SetForbidPlayChannels UpdateDeviceOrganization UpdateDeviceStatus UpdateOrganization UpdateRecordBackupPlan UpdateRecordBackupTemplate UpdateRecordPlan UpdateRecordTemplate UpdateUserDevice" -- "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -W "table plain json human github markdown csv tsv ndjson bulk sql" -- "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -W "table plain json human github markdown csv tsv ndjson bulk sql" -- "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --lang)
                    COMPREPLY=($(compgen -W "zh en" -- "${cur}"))
                    return 0
                    ;;
                --table)
                    local oldifs
                    if [ -n "${IFS+x}" ]; then
                        oldifs="$IFS"
                    fi
                    IFS=$'\n'
                    COMPREPLY=($(compgen -f "${cur}"))
                    if [ -n "${oldifs+x}" ]; then
                        IFS="$oldifs"
                    fi
                    if [[ "${BASH_VERSINFO[0]}" -ge 4 ]]; then
                        compopt -o filenames
                    fi
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(_errcode_words "${opts}" "${cur}") )
            return 0
            ;;
        errcode__subcmd__lookup)
            opts="200 40001 40002 40003 40004 40005 40006 41301 41601 41602 41603 41604 41605 41606 41607 41608 41609 41610 41611 41612 41613 41614 41615 41616 41617 41618 41619 41620 41621 41622 41623 41624 41625 41626 41627 41628 41629 41630 41631 41632 41633 41634 42205 42206 42207 42501 42502 42503 42504 42505 42506 42507 42508 50000 50001 50002 51601 51602 51603 52501 52502 52503 52504 52505 52506 52507 52508 52509 52510 52511 52512 52513 52514 ActionOffline AuthFailure.InvalidAuthorization AuthFailure.InvalidSecretId AuthFailure.MFAFailure AuthFailure.SecretIdNotFound AuthFailure.SignatureExpire AuthFailure.SignatureFailure AuthFailure.TokenFailure AuthFailure.UnauthorizedOperation ClientError.BuildRequestError ClientError.CircuitBreakerError ClientError.HttpStatusCodeError ClientError.IOError ClientError.NetworkError ClientError.ParseJsonError ClientError.TypeError ClientNetworkError ClientParamsError ClientSideError DryRunOperation FailedOperation FailedOperation.DatabaseError FailedOperation.DeviceResponseTimeOut FailedOperation.DeviceResultTimeOut FailedOperation.NotHaveSubUser FailedOperation.RequestTimeout InternalError InternalError.ServerInternalError InvalidAction InvalidParameter InvalidParameter.DownloadUrlError InvalidParameter.DownloadUrlHasExpired InvalidParameter.InvalidAction InvalidParameter.InvalidBodyFormat InvalidParameter.InvalidChannels InvalidParameter.InvalidLifeRuleParam InvalidParameter.InvalidOrganizationParam InvalidParameter.InvalidParameter InvalidParameter.InvalidParameterFormat InvalidParameter.InvalidTimeSection InvalidParameter.RequiredHeaderParameterEmpty InvalidParameter.TaskIdNotExist InvalidParameterValue InvalidParameterValue.BakTimeNotEnough InvalidParameterValue.ChannelsExceedsRange InvalidParameterValue.ContainInvalidChannelId InvalidParameterValue.ContainInvalidDeviceId InvalidParameterValue.DataOutOfRange InvalidParameterValue.DeviceMismatchChannel InvalidParameterValue.EmptyChannelId InvalidParameterValue.EmptyDeviceId InvalidParameterValue.EmptyName InvalidParameterValue.EmptyOrganizationId InvalidParameterValue.EmptyTemplateId InvalidParameterValue.EndTimeZero InvalidParameterValue.IllegalChannelId InvalidParameterValue.IllegalDescribe InvalidParameterValue.IllegalDeviceId InvalidParameterValue.IllegalName InvalidParameterValue.IllegalOrganizationId InvalidParameterValue.IllegalStreamType InvalidParameterValue.InvalidAccessProtocol InvalidParameterValue.InvalidBeginTime InvalidParameterValue.InvalidChannelId InvalidParameterValue.InvalidChannelIdOrDeviceId InvalidParameterValue.InvalidChannelName InvalidParameterValue.InvalidClusterId InvalidParameterValue.InvalidDescription InvalidParameterValue.InvalidDeviceId InvalidParameterValue.InvalidDeviceName InvalidParameterValue.InvalidDevicePasswordLength InvalidParameterValue.InvalidDeviceStatus InvalidParameterValue.InvalidDeviceType InvalidParameterValue.InvalidDomainType InvalidParameterValue.InvalidEnalbeValue InvalidParameterValue.InvalidEndTime InvalidParameterValue.InvalidExpiration InvalidParameterValue.InvalidExpirationRange InvalidParameterValue.InvalidFileType InvalidParameterValue.InvalidGatewayProtocolType InvalidParameterValue.InvalidIpv4 InvalidParameterValue.InvalidKeyword InvalidParameterValue.InvalidName InvalidParameterValue.InvalidOrgName InvalidParameterValue.InvalidOrganizationId InvalidParameterValue.InvalidPageNumber InvalidParameterValue.InvalidPageParameter InvalidParameterValue.InvalidPageSize InvalidParameterValue.InvalidPlanId InvalidParameterValue.InvalidPullState InvalidParameterValue.InvalidPushState InvalidParameterValue.InvalidRTMPAppName InvalidParameterValue.InvalidRTMPStreamName InvalidParameterValue.InvalidRepairMode InvalidParameterValue.InvalidRetrievalMode InvalidParameterValue.InvalidRetrieveTaskId InvalidParameterValue.InvalidSecret InvalidParameterValue.InvalidStartTimeOrEndTime InvalidParameterValue.InvalidStatus InvalidParameterValue.InvalidStreamType InvalidParameterValue.InvalidTemplateId InvalidParameterValue.InvalidTimeFormat InvalidParameterValue.InvalidTimeSectionValue InvalidParameterValue.InvalidTransitionRange InvalidParameterValue.InvalidUserParam InvalidParameterValue.InvalidUsername InvalidParameterValue.LimitRepairTransition InvalidParameterValue.NonSameDay InvalidParameterValue.OrgNameRepeat InvalidParameterValue.OrganizationCountExceedsRange InvalidParameterValue.OutOfTimeRange InvalidParameterValue.PageSizeExceedLimit InvalidParameterValue.PlanChannelsExceedsRange InvalidParameterValue.PlanNameRepeat InvalidParameterValue.RTMPPushStreamParamRepeat InvalidParameterValue.RetrieveTaskChannelsExceedsRange InvalidParameterValue.StartOverEndTime InvalidParameterValue.StartOverNowTime InvalidParameterValue.StartTimeGreaterThanOrEqualEndTime InvalidParameterValue.StartTimeZero InvalidParameterValue.TaskTypeNotSupported InvalidParameterValue.TimeLessThanTenMinutes InvalidParameterValue.TooLongDescribe InvalidParameterValue.TooLongName InvalidParameterValue.TooLongStreamType InvalidParameterValue.UnSupportOperateCMD InvalidParameterValue.UnSupportScale InvalidParameterValue.UnSupportedAccessType InvalidParameterValue.UnSupportedPTZCMD InvalidParameterValue.UnSupportedPresetCMD InvalidParameterValue.UnSupportedScaleParam InvalidParameterValue.UnsupportedStreamProtocol InvalidRequest IpInBlacklist IpNotInWhitelist LimitExceeded LimitExceeded.ChannelNumExceeded LimitExceeded.DeiceIdQuantityExceededLimit LimitExceeded.GBDeviceNumExceeded MissingParameter MissingParameter.EmptyTimeSection MissingParameter.MissingLifeRuleParam MissingParameter.MissingMustParameter MissingParameter.MissingRetrieveTaskParam MissingParameter.MissingUpdatedInfo MissingParameter.MissingUserInfo NoSuchProduct NoSuchVersion OperationDenied.BandwidthLimitZero OperationDenied.ConcurrentDownloadsOverLimit OperationDenied.ConnectsLimitZero OperationDenied.ExceededMaximumDepth OperationDenied.NoWhitelist OperationDenied.PlayAuthNotEnabled RegionError.ResourceUnreachable RequestLimitExceeded RequestLimitExceeded.GlobalRegionUinLimitExceeded RequestLimitExceeded.IPLimitExceeded RequestLimitExceeded.UinLimitExceeded RequestSizeLimitExceeded ResourceInUse ResourceInUse.ChannelRepeatAdd ResourceInUse.PlanDeleting ResourceInUse.PlanLinkTemplate ResourceInUse.PlanNameRepeat ResourceInUse.RetrieveTaskExecuting ResourceInUse.RetrieveTaskNameRepeat ResourceInUse.TemplateNameRepeat ResourceInsufficient ResourceNotFound ResourceNotFound.ChannelNotExist ResourceNotFound.DeviceNotExist ResourceNotFound.NotFoundCluster ResourceNotFound.OrganizationIdNotExist ResourceNotFound.PlanNotExist ResourceNotFound.RetrieveTaskNotExist ResourceNotFound.StreamNotExistOrClose ResourceNotFound.TemplateNotExist ResourceNotFound.VideoNotFound ResourceUnavailable ResourceUnavailable.ChannelOffline ResourceUnavailable.DevDisable ResourceUnavailable.DevNoRegister ResourceUnavailable.DevOffline ResourceUnavailable.VideoArchived ResponseSizeLimitExceeded ServerNetworkError ServerSideError ServiceUnavailable UnauthorizedOperation UnknownParameter UnsupportedOperation UnsupportedOperation.OrgLinkDev UnsupportedOperation.OrgLinkOrg UnsupportedOperation.PushDomainNotExist UnsupportedOperation.ScaleAndPosBothExist UnsupportedOperation.StreamTypeOrResolution UnsupportedOperation.UnopenedIntranetServicesInRegion UnsupportedProtocol UnsupportedRegion -f -h --format --color --lang --table --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(_errcode_words "${opts}" "${cur}") )
                return 0
            fi
            case "${prev}" in
                --format)
                    COMPREPLY=($(compgen -W "table plain json human github markdown csv tsv ndjson bulk sql" -- "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -W "table plain json human github markdown csv tsv ndjson bulk sql" -- "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --lang)
                    COMPREPLY=($(compgen -W "zh en" -- "${cur}"))
                    return 0
                    ;;
                --table)
                    local oldifs
                    if [ -n "${IFS+x}" ]; then
                        oldifs="$IFS"
                    fi
                    IFS=$'\n'
                    COMPREPLY=($(compgen -f "${cur}"))
                    if [ -n "${oldifs+x}" ]; then
                        IFS="$oldifs"
                    fi
                    if [[ "${BASH_VERSINFO[0]}" -ge 4 ]]; then
                        compopt -o filenames
                    fi
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(_errcode_words "${opts}" "${cur}") )
            return 0
            ;;
        errcode__subcmd__man)
            opts="-f -h --format --color --lang --table --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --format)
                    COMPREPLY=($(compgen -W "table plain json human github markdown csv tsv ndjson bulk sql" -- "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -W "table plain json human github markdown csv tsv ndjson bulk sql" -- "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --lang)
                    COMPREPLY=($(compgen -W "zh en" -- "${cur}"))
                    return 0
                    ;;
                --table)
                    local oldifs
                    if [ -n "${IFS+x}" ]; then
                        oldifs="$IFS"
                    fi
                    IFS=$'\n'
                    COMPREPLY=($(compgen -f "${cur}"))
                    if [ -n "${oldifs+x}" ]; then
                        IFS="$oldifs"
                    fi
                    if [[ "${BASH_VERSINFO[0]}" -ge 4 ]]; then
                        compopt -o filenames
                    fi
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        errcode__subcmd__search)
            opts="-f -h --format --color --lang --table --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --format)
                    COMPREPLY=($(compgen -W "table plain json human github markdown csv tsv ndjson bulk sql" -- "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -W "table plain json human github markdown csv tsv ndjson bulk sql" -- "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --lang)
                    COMPREPLY=($(compgen -W "zh en" -- "${cur}"))
                    return 0
                    ;;
                --table)
                    local oldifs
                    if [ -n "${IFS+x}" ]; then
                        oldifs="$IFS"
                    fi
                    IFS=$'\n'
                    COMPREPLY=($(compgen -f "${cur}"))
                    if [ -n "${oldifs+x}" ]; then
                        IFS="$oldifs"
                    fi
                    if [[ "${BASH_VERSINFO[0]}" -ge 4 ]]; then
                        compopt -o filenames
                    fi
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
    esac
}

if [[ "${BASH_VERSINFO[0]}" -eq 4 && "${BASH_VERSINFO[1]}" -ge 4 || "${BASH_VERSINFO[0]}" -gt 4 ]]; then
    complete -F _errcode -o nosort -o bashdefault -o default errcode
else
    complete -F _errcode -o bashdefault -o default errcode
fi
